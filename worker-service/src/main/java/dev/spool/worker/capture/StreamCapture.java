package dev.spool.worker.capture;

import dev.spool.contracts.StreamName;
import dev.spool.contracts.TruncationStrategy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads one stream of a process to its end in fixed-size chunks: it keeps the tail within the budget,
 * gzips everything to a spool file, and counts bytes and lines. Memory is the budget plus one chunk.
 */
public final class StreamCapture {

    private static final int CHUNK_BYTES = 64 * 1024;

    private final StreamName stream;
    private final int maxBytes;
    private final Path spoolFile;
    private final int compressionLevel;

    public StreamCapture(StreamName stream, long maxBytes, Path spoolFile, int compressionLevel) {
        if (maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a stream budget of " + maxBytes + " bytes is more than one worker can hold");
        }
        this.stream = stream;
        this.maxBytes = (int) maxBytes;
        this.spoolFile = spoolFile;
        this.compressionLevel = compressionLevel;
    }

    public CaptureResult capture(InputStream in) throws IOException {
        TailBuffer tail = new TailBuffer(maxBytes);
        long newlines = 0;
        int lastByte = -1;
        byte[] chunk = new byte[CHUNK_BYTES];
        try (GzipSpool spool = new GzipSpool(spoolFile, compressionLevel)) {
            int read;
            while ((read = in.read(chunk)) != -1) {
                if (read == 0) {
                    continue;
                }
                tail.write(chunk, 0, read);
                spool.write(chunk, 0, read);
                newlines += Utf8.countNewlines(chunk, 0, read);
                lastByte = chunk[read - 1];
            }
        }
        long originalBytes = tail.written();
        long originalLines = newlines + (originalBytes > 0 && lastByte != '\n' ? 1 : 0);
        return keptTail(tail.contents(), originalBytes, newlines, originalLines);
    }

    private CaptureResult keptTail(byte[] kept, long originalBytes, long newlines, long originalLines) {
        if (kept.length == originalBytes) {
            return new CaptureResult(stream, new String(kept, StandardCharsets.UTF_8), originalBytes, originalLines,
                    originalBytes, false, TruncationStrategy.TAIL, spoolFile);
        }
        int start = Utf8.nextCharacterStart(kept, 0);
        int keptLength = kept.length - start;
        long droppedBytes = originalBytes - keptLength;
        long droppedLines = newlines - Utf8.countNewlines(kept, start, keptLength);
        String text = TruncationMarker.of(droppedBytes, droppedLines) + new String(kept, start, keptLength, StandardCharsets.UTF_8);
        return new CaptureResult(stream, text, originalBytes, originalLines, keptLength, true, TruncationStrategy.TAIL, spoolFile);
    }
}
