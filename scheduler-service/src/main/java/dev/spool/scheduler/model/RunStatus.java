package dev.spool.scheduler.model;

import dev.spool.contracts.TaskStatus;

import java.util.Collection;

public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    PAUSED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /**
     * A run ends when all its tasks have; it succeeds only if every one of them did, and counts as cancelled when
     * any was cancelled.
     */
    public static RunStatus of(Collection<TaskStatus> tasks) {
        if (tasks.stream().anyMatch(status -> !status.isTerminal())) {
            return RUNNING;
        }
        if (tasks.stream().allMatch(status -> status == TaskStatus.SUCCEEDED)) {
            return SUCCEEDED;
        }
        return tasks.contains(TaskStatus.CANCELLED) ? CANCELLED : FAILED;
    }
}
