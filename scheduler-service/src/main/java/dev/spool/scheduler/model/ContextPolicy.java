package dev.spool.scheduler.model;

/** Which upstream output a task is given, and how much of it: built by the state-service. */
public record ContextPolicy(Mode mode, long maxBytes, int maxTasks, double minRelevance) {

    public enum Mode { NONE, DEPENDENCIES, SMART, ALL }

    public static final long DEFAULT_MAX_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_TASKS = 10;
    public static final ContextPolicy DEFAULT = new ContextPolicy(Mode.DEPENDENCIES, DEFAULT_MAX_BYTES, DEFAULT_MAX_TASKS, 0.0);
}
