package dev.spool.scheduler.model;

/**
 * A task that runs again until its check passes: {@code until} is {@code succeeded} or a condition, checked after
 * each iteration; the task fails when {@code maxIterations} have run without it passing.
 */
public record LoopPolicy(int maxIterations, String until) {

    public boolean untilSucceeded() {
        return until == null || until.isBlank() || until.strip().equals("succeeded");
    }
}
