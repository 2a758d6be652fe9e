package dev.spool.worker.capture;

/**
 * Shares {@code max_combined_bytes} between stdout and stderr once both have ended. Each stream keeps what its
 * own budget allows when the two fit together; otherwise each is sure of half, and what one does not need goes
 * to the other.
 */
public final class CombinedBudget {

    private CombinedBudget() {
    }

    /** The budgets of stdout and stderr, given what each would keep alone. */
    public static long[] split(long combined, long stdoutWants, long stderrWants) {
        if (stdoutWants + stderrWants <= combined) {
            return new long[]{stdoutWants, stderrWants};
        }
        long half = combined / 2;
        if (stdoutWants <= half) {
            return new long[]{stdoutWants, combined - stdoutWants};
        }
        if (stderrWants <= combined - half) {
            return new long[]{combined - stderrWants, stderrWants};
        }
        return new long[]{half, combined - half};
    }
}
