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
     * A run ends when all its tasks have. It is cancelled when any task was, succeeds when every task succeeded or was
     * skipped, and fails otherwise: a task skipped because its {@code when} was false is a branch not taken, not a
     * failure, and one skipped because a dependency failed leaves that failure in the run.
     */
    public static RunStatus of(Collection<TaskStatus> tasks) {
        if (tasks.stream().anyMatch(status -> !status.isTerminal())) {
            return RUNNING;
        }
        if (tasks.contains(TaskStatus.CANCELLED)) {
            return CANCELLED;
        }
        return tasks.stream().allMatch(status -> status == TaskStatus.SUCCEEDED || status == TaskStatus.SKIPPED) ? SUCCEEDED : FAILED;
    }
}
