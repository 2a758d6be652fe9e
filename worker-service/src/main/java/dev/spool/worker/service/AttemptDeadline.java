package dev.spool.worker.service;

import dev.spool.contracts.TaskTimeout;

/**
 * When an attempt must stop, in milliseconds since it started. A fixed timeout never moves. An adaptive one starts
 * at its base (scaled by the size of its input, when it names one) and, each time it is reached by an attempt that
 * showed progress since the previous check, moves on by another base, up to its maximum.
 */
final class AttemptDeadline {

    private static final double WARNING_SHARE = 0.9;

    private final long stepMillis;
    private final long ceilingMillis;
    private long deadlineMillis;
    private boolean warned;

    private AttemptDeadline(long initialMillis, long stepMillis, long ceilingMillis) {
        this.deadlineMillis = Math.min(initialMillis, ceilingMillis);
        this.stepMillis = stepMillis;
        this.ceilingMillis = ceilingMillis;
    }

    /** @param inputBytes size of the adaptive timeout's {@code size_path}, or 0 */
    static AttemptDeadline of(TaskTimeout timeout, long inputBytes) {
        return switch (timeout) {
            case TaskTimeout.Fixed fixed -> new AttemptDeadline(fixed.millis(), 0, fixed.millis());
            case TaskTimeout.Adaptive adaptive -> {
                double megabytes = inputBytes / 1_000_000.0;
                double factor = Math.max(1.0, adaptive.sizeFactor() * megabytes);
                long initial = (long) Math.min(Long.MAX_VALUE / 2.0, adaptive.baseMillis() * factor);
                yield new AttemptDeadline(initial, adaptive.baseMillis(), adaptive.maxMillis());
            }
        };
    }

    long deadlineMillis() {
        return deadlineMillis;
    }

    /** True once, when the attempt first reaches 90% of its current deadline. */
    boolean warnAt(long elapsedMillis) {
        if (!warned && elapsedMillis >= deadlineMillis * WARNING_SHARE) {
            warned = true;
            return true;
        }
        return false;
    }

    /**
     * Whether the attempt must stop now. An adaptive deadline that is reached by an attempt still making progress
     * moves on instead, and its warning is given again before the new one.
     */
    boolean expiredAt(long elapsedMillis, boolean madeProgress) {
        if (elapsedMillis < deadlineMillis) {
            return false;
        }
        if (madeProgress && stepMillis > 0 && deadlineMillis < ceilingMillis) {
            deadlineMillis = Math.min(ceilingMillis, deadlineMillis + stepMillis);
            warned = false;
            return elapsedMillis >= deadlineMillis;
        }
        return true;
    }
}
