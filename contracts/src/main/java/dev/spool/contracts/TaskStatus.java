package dev.spool.contracts;

/** The life of a task in a run. The terminal ones end the task; only SUCCEEDED lets its dependents run. */
public enum TaskStatus {
    PENDING,
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    SKIPPED,
    TIMED_OUT,
    CANCELLED,
    LOST;

    public boolean isTerminal() {
        return switch (this) {
            case PENDING, QUEUED, RUNNING -> false;
            case SUCCEEDED, FAILED, SKIPPED, TIMED_OUT, CANCELLED, LOST -> true;
        };
    }
}
