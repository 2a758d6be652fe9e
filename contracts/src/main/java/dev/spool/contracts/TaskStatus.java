package dev.spool.contracts;

/** The life of a task in a run. The terminal ones end the task; only SUCCEEDED lets its dependents run. */
public enum TaskStatus {
    PENDING,
    /** Its dependencies let it run; it waits in the scheduler for a dispatch slot. */
    READY,
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    SKIPPED,
    TIMED_OUT,
    CANCELLED,
    /** Killed for going over one of its {@code resources} limits. */
    RESOURCE_EXCEEDED,
    /** Stopped because its worker shut down before the attempt could finish. */
    INTERRUPTED,
    LOST;

    public boolean isTerminal() {
        return switch (this) {
            case PENDING, READY, QUEUED, RUNNING -> false;
            case SUCCEEDED, FAILED, SKIPPED, TIMED_OUT, CANCELLED, RESOURCE_EXCEEDED, INTERRUPTED, LOST -> true;
        };
    }
}
