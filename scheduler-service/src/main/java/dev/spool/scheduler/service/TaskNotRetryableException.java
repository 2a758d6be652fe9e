package dev.spool.scheduler.service;

import dev.spool.contracts.TaskStatus;

import java.util.UUID;

/** A task can be run again only once it has ended without success. */
public class TaskNotRetryableException extends RuntimeException {

    private TaskNotRetryableException(String message) {
        super(message);
    }

    /** A cancelled run stays cancelled: someone decided it should stop, and a re-run would start it behind their back. */
    public static TaskNotRetryableException runCancelled(UUID runId, String taskId, String reason) {
        return new TaskNotRetryableException("task '" + taskId + "' cannot be run again: run " + runId + " was cancelled"
                + (reason == null ? "" : " (" + reason + ")") + ", and a cancelled run stays cancelled; submit the workflow again to run it");
    }

    public TaskNotRetryableException(UUID runId, String taskId, TaskStatus status) {
        super("task '" + taskId + "' of run " + runId + " is " + status + "; only a task that ended without success "
                + "(failed, timed out, lost, skipped, cancelled) can be run again");
    }
}
