package dev.spool.scheduler.service;

import java.util.UUID;

public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(UUID runId, String taskId) {
        super("run " + runId + " has no task '" + taskId + "'");
    }
}
