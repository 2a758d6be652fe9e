package dev.spool.worker.capture;

import dev.spool.contracts.StreamName;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;

/**
 * Reads one stream of a process to its end in fixed-size chunks. Each chunk has its secrets masked, is counted,
 * is offered to the strategy's keeper and is appended to the spool. Memory is the keeper's budget, one chunk and
 * the longest secret, whatever the stream's size.
 */
public final class StreamCapture {

    private static final int CHUNK_BYTES = 64 * 1024;

    private final StreamName stream;
    private final OutputKeeper keeper;
    private final OutputSpool spool;
    private final SecretMasker masker;
    private final LiveFeed live = new LiveFeed();
    private volatile long bytes;
    private volatile long newlines;
    private boolean endsWithNewline;

    public StreamCapture(StreamName stream, OutputKeeper keeper, OutputSpool spool, Collection<String> secrets) {
        this.stream = stream;
        this.keeper = keeper;
        this.spool = spool;
        SecretMasker candidate = new SecretMasker(secrets, this::accept);
        this.masker = candidate.masksAnything() ? candidate : null;
    }

    public CaptureResult capture(InputStream in) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        try (spool) {
            int read;
            while ((read = in.read(chunk)) != -1) {
                if (masker != null) {
                    masker.write(chunk, 0, read);
                } else {
                    accept(chunk, 0, read);
                }
            }
            if (masker != null) {
                masker.finish();
            }
        } finally {
            live.end();
        }
        keeper.finish();
        return new CaptureResult(stream, keeper, totals(), spool);
    }

    private void accept(byte[] chunk, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        keeper.accept(chunk, offset, length);
        spool.write(chunk, offset, length);
        live.publish(chunk, offset, length);
        // Written by this thread only; read by the heartbeat.
        newlines = newlines + Utf8.countNewlines(chunk, offset, length);
        bytes = bytes + length;
        endsWithNewline = chunk[offset + length - 1] == '\n';
    }

    /** Gives up a capture that will never run, closing its spool file. */
    public void abandon() {
        spool.close();
        live.end();
    }

    /** The stream as it is printed, for readers who follow it; secrets are masked before it gets there. */
    public LiveFeed live() {
        return live;
    }

    /** Bytes seen so far; safe to read from another thread while the capture runs. */
    public long bytesSoFar() {
        return bytes;
    }

    /** Line ends seen so far; safe to read from another thread while the capture runs. */
    public long newlinesSoFar() {
        return newlines;
    }

    private StreamTotals totals() {
        return new StreamTotals(bytes, newlines, endsWithNewline);
    }
}
