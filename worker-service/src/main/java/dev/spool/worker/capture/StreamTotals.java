package dev.spool.worker.capture;

/** How much a stream printed in all, whatever was kept of it. */
public record StreamTotals(long bytes, long newlines, boolean endsWithNewline) {

    /** Lines, counting a last line that has no newline. */
    public long lines() {
        return newlines + (bytes > 0 && !endsWithNewline ? 1 : 0);
    }
}
