package dev.spool.scheduler.workflow;

import java.util.List;

/**
 * {@code retry}: how many tries in all, the backoff between them, and which outcomes are retried.
 * {@code jitter} is true (0.2) or a fraction from 0 to 1; {@code retry_on} lists exit codes and the words
 * {@code failed}, {@code timeout}, {@code lost} and {@code resource_exceeded}.
 */
public record RetrySpec(Integer maxAttempts, String backoff, String initialDelay, String maxDelay, Object jitter, List<Object> retryOn) {
}
