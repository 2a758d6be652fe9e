package dev.spool.scheduler.workflow;

/** {@code rate_limit}: dispatches per second or per minute for a task's concurrency group. */
public record RateLimitSpec(Double perSecond, Double perMinute) {

    public double permitsPerSecond() {
        return perSecond != null ? perSecond : perMinute != null ? perMinute / 60.0 : 0;
    }
}
