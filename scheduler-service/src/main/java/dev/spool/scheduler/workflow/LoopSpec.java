package dev.spool.scheduler.workflow;

/** {@code loop}: run the task again until {@code until} holds, at most {@code max_iterations} times. */
public record LoopSpec(Integer maxIterations, String until) {
}
