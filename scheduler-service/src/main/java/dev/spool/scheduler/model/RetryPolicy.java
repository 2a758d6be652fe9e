package dev.spool.scheduler.model;

import dev.spool.contracts.TaskStatus;

import java.time.Duration;
import java.util.Set;

/**
 * How often a task is tried and how long it waits between tries.
 *
 * @param retryOn     outcome kinds that are retried: {@code failed} (any failing exit code), {@code timeout},
 *                    {@code lost} and {@code resource_exceeded}
 * @param exitCodes   failing exit codes that are retried even when {@code failed} is not in {@code retryOn}
 * @param jitter      the fraction of each delay that is random: the delay is cut by up to this much
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, long initialDelayMillis, long maxDelayMillis, double jitter,
                          Set<String> retryOn, Set<Integer> exitCodes) {

    public enum Backoff { FIXED, LINEAR, EXPONENTIAL }

    public static final Set<String> KINDS = Set.of("failed", "timeout", "lost", "resource_exceeded");
    public static final RetryPolicy NONE = new RetryPolicy(1, Backoff.EXPONENTIAL, 1000, 300_000, 0, KINDS, Set.of());

    public RetryPolicy {
        retryOn = retryOn == null ? KINDS : Set.copyOf(retryOn);
        exitCodes = exitCodes == null ? Set.of() : Set.copyOf(exitCodes);
    }

    /** Whether an attempt that ended so is worth another try, given tries are left. */
    public boolean retries(TaskStatus status, Integer exitCode) {
        return switch (status) {
            case FAILED -> retryOn.contains("failed") || (exitCode != null && exitCodes.contains(exitCode));
            case TIMED_OUT -> retryOn.contains("timeout");
            case LOST -> retryOn.contains("lost");
            case RESOURCE_EXCEEDED -> retryOn.contains("resource_exceeded");
            default -> false;
        };
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry).
     *
     * @param random a number in [0, 1) that spreads the retries of many tasks apart
     */
    public Duration delayBefore(int retry, double random) {
        int n = Math.max(1, retry);
        double base = switch (backoff) {
            case FIXED -> initialDelayMillis;
            case LINEAR -> (double) initialDelayMillis * n;
            case EXPONENTIAL -> initialDelayMillis * Math.pow(2, Math.min(n - 1, 62));
        };
        double capped = Math.min(base, maxDelayMillis);
        return Duration.ofMillis(Math.round(capped * (1 - jitter * random)));
    }
}
