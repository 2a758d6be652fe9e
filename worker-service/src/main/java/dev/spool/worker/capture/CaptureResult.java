package dev.spool.worker.capture;

import dev.spool.contracts.StreamName;

/** One stream read to its end: its totals, what its keeper can render, and its spool file. */
public record CaptureResult(StreamName stream, OutputKeeper keeper, StreamTotals totals, OutputSpool spool) {

    public Kept kept(int budget) {
        return keeper.render(budget, totals);
    }
}
