package dev.spool.cli.render;

/** The statuses of tasks and runs by what a person makes of them; one home for which status counts as what. */
public enum StatusKind {
    SUCCEEDED, FAILED, RUNNING, WAITING, STOPPED, SKIPPED;

    public static StatusKind of(String status) {
        return switch (status == null ? "" : status) {
            case "SUCCEEDED" -> SUCCEEDED;
            case "FAILED", "TIMED_OUT", "RESOURCE_EXCEEDED", "LOST" -> FAILED;
            case "RUNNING", "QUEUED" -> RUNNING;
            case "CANCELLED", "INTERRUPTED", "PAUSED" -> STOPPED;
            case "SKIPPED" -> SKIPPED;
            default -> WAITING;
        };
    }

    /** Whether a task (or run) in this status has ended. */
    public static boolean ended(String status) {
        return switch (status == null ? "" : status) {
            case "SUCCEEDED", "FAILED", "TIMED_OUT", "RESOURCE_EXCEEDED", "LOST", "CANCELLED", "SKIPPED" -> true;
            default -> false;
        };
    }

    /** Whether a run in this status has ended: a paused run has not. */
    public static boolean runEnded(String status) {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }
}
