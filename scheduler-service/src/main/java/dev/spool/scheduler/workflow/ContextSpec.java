package dev.spool.scheduler.workflow;

/** {@code context}: which upstream output the task is given ({@code mode}) and how much ({@code max_bytes}, {@code max_tasks}). */
public record ContextSpec(String mode, Long maxBytes, Integer maxTasks, Double minRelevance) {
}
