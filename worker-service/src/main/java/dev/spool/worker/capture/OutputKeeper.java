package dev.spool.worker.capture;

/**
 * One truncation strategy, fed a stream chunk by chunk. It holds only what it may keep, so its memory is
 * bounded by its byte budget whatever the stream's length.
 */
public sealed interface OutputKeeper
        permits HeadKeeper, TailKeeper, BothKeeper, HeadLinesKeeper, TailLinesKeeper, SummaryKeeper {

    void accept(byte[] chunk, int offset, int length);

    /** Called once the stream has ended, before {@link #render}. */
    default void finish() {
    }

    /**
     * The kept text within {@code budget} bytes of the original, which is at most the budget the keeper was made
     * with: a smaller one is asked for when stdout and stderr together must fit {@code max_combined_bytes}.
     */
    Kept render(int budget, StreamTotals totals);
}
