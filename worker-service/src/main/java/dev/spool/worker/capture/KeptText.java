package dev.spool.worker.capture;

import dev.spool.contracts.TruncationMarker;
import java.nio.charset.StandardCharsets;

/** Builds kept text from pieces of the original and the markers between them; a marker always has a line of its own. */
final class KeptText {

    private final StringBuilder text = new StringBuilder();
    private long keptBytes;
    private boolean truncated;
    private boolean binary;
    private boolean atLineStart = true;

    KeptText original(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return this;
        }
        Utf8.Decoded decoded = Utf8.decode(bytes, offset, length);
        text.append(decoded.text());
        binary |= decoded.binary();
        keptBytes += length;
        atLineStart = bytes[offset + length - 1] == '\n';
        return this;
    }

    KeptText original(byte[] bytes) {
        return original(bytes, 0, bytes.length);
    }

    KeptText marker(long droppedBytes, long droppedLines) {
        truncated = true;
        return note(TruncationMarker.of(droppedBytes, droppedLines));
    }

    /** A line of Spool's own, not of the original; {@code line} ends with a newline. */
    KeptText note(String line) {
        if (!atLineStart) {
            text.append('\n');
        }
        text.append(line);
        atLineStart = true;
        return this;
    }

    /** A line picked from the cut part, with a note of Spool's; {@code originalBytes} of the original are in it. */
    KeptText excerpt(String line, long originalBytes) {
        note(line);
        keptBytes += originalBytes;
        return this;
    }

    /** How many bytes the text takes so far, encoded. */
    long encodedBytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    Kept build() {
        return new Kept(text.toString(), keptBytes, truncated, binary);
    }
}
