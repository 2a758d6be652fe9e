package dev.spool.scheduler.service;

import dev.spool.contracts.TaskStatus;

import java.util.UUID;

/** A task can be run again only once it has ended without success. */
public class TaskNotRetryableException extends RuntimeException {

    public TaskNotRetryableException(UUID runId, String taskId, TaskStatus status) {
        super("task '" + taskId + "' of run " + runId + " is " + status + "; only a task that ended without success "
                + "(failed, timed out, lost, skipped, cancelled) can be run again");
    }
}
