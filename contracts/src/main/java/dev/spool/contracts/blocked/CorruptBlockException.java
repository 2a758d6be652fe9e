package dev.spool.contracts.blocked;

import java.io.IOException;

/** A stored block whose bytes do not decode to what they were: a failed gzip CRC or length, or a broken deflate stream. */
public final class CorruptBlockException extends IOException {

    private final long storedOffset;

    public CorruptBlockException(long storedOffset, String problem, Throwable cause) {
        super("the stored block at byte " + storedOffset + " is corrupt (" + problem + ")", cause);
        this.storedOffset = storedOffset;
    }

    public long storedOffset() {
        return storedOffset;
    }
}
