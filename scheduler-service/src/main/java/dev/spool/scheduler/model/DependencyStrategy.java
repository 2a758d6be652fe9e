package dev.spool.scheduler.model;

/** When a task with dependencies may run. */
public enum DependencyStrategy {
    /** Every dependency succeeded; the first that does not skips the task. */
    ALL_REQUIRED,
    /** Every dependency has ended and at least one succeeded. */
    ANY_REQUIRED,
    /** Every dependency has ended, whatever its outcome. */
    BEST_EFFORT,
    /** Every dependency succeeded or was handled by its own {@code on_failure}. */
    CONDITIONAL
}
