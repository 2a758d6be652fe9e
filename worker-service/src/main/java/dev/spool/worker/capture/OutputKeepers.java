package dev.spool.worker.capture;

import dev.spool.contracts.TruncationStrategy;

import java.util.List;

/** The keeper of a truncation strategy. */
public final class OutputKeepers {

    /** A budget a single array can hold; the validator refuses larger ones long before. */
    public static final long MAX_BUDGET = Integer.MAX_VALUE - 16;

    private OutputKeepers() {
    }

    public static OutputKeeper of(TruncationStrategy strategy, long budget, int maxLines, List<String> summaryPatterns) {
        if (budget < 0 || budget > MAX_BUDGET) {
            throw new IllegalArgumentException("a stream budget of " + budget + " bytes is more than one worker can hold");
        }
        int bytes = (int) budget;
        return switch (strategy) {
            case HEAD -> new HeadKeeper(bytes);
            case TAIL -> new TailKeeper(bytes);
            case BOTH -> new BothKeeper(bytes);
            case HEAD_LINES -> new HeadLinesKeeper(bytes, maxLines);
            case TAIL_LINES -> new TailLinesKeeper(bytes, maxLines);
            case SUMMARY -> new SummaryKeeper(bytes, SummaryPatterns.filter(summaryPatterns));
        };
    }
}
