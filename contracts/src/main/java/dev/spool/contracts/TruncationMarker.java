package dev.spool.contracts;

import java.util.Locale;

/** The line that replaces what was cut, so a reader of the kept text knows where and how much is missing. */
public final class TruncationMarker {

    private TruncationMarker() {
    }

    /**
     * @param droppedBytes bytes of the original that the kept text lacks at this place
     * @param droppedLines newline characters among them, that is, how many line ends were cut
     */
    public static String of(long droppedBytes, long droppedLines) {
        return String.format(Locale.ROOT, "[... %,d bytes (%,d lines) truncated ...]\n", droppedBytes, droppedLines);
    }
}
