package dev.spool.worker.capture;

import dev.spool.contracts.StreamName;
import dev.spool.contracts.TruncationStrategy;

import java.nio.file.Path;

/**
 * What a capture kept of one stream, and the spool file that holds the whole of it, gzipped.
 *
 * @param keptBytes bytes of the original in {@code text}; the truncation marker is not counted
 */
public record CaptureResult(
        StreamName stream,
        String text,
        long originalBytes,
        long originalLines,
        long keptBytes,
        boolean truncated,
        TruncationStrategy strategy,
        Path spoolFile) {
}
