package dev.spool.worker.capture;

/**
 * {@code tail_lines}: whole lines from the end of the stream, at most {@code maxLines} of them (0: no line bound)
 * and at most the byte budget. When even the last line is longer than the budget, its last bytes are kept.
 */
final class TailLinesKeeper implements OutputKeeper {

    private final TailBuffer tail;
    private final int maxLines;

    TailLinesKeeper(int budget, int maxLines) {
        // One byte more than the budget tells whether the kept bytes begin a line.
        this.tail = new TailBuffer(budget + 1);
        this.maxLines = maxLines;
    }

    @Override
    public void accept(byte[] chunk, int offset, int length) {
        tail.write(chunk, offset, length);
    }

    @Override
    public Kept render(int budget, StreamTotals totals) {
        int count = (int) Math.min(budget, totals.bytes());
        byte[] window = tail.last(count);
        int start = tail.startsLine(count) ? 0 : indexAfterNewline(window, 0);
        if (start < 0) {
            start = Utf8.nextCharacterStart(window, 0);
        } else if (maxLines > 0) {
            start = Math.max(start, startOfLastLines(window, maxLines));
        }
        int length = window.length - start;
        if (length == totals.bytes()) {
            return new KeptText().original(window).build();
        }
        return new KeptText()
                .marker(totals.bytes() - length, totals.newlines() - Utf8.countNewlines(window, start, length))
                .original(window, start, length)
                .build();
    }

    private static int indexAfterNewline(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1 < bytes.length ? i + 1 : -1;
            }
        }
        return -1;
    }

    /** Where the last {@code lines} lines of {@code bytes} begin; a final line without a newline counts. */
    private static int startOfLastLines(byte[] bytes, int lines) {
        int found = 0;
        for (int i = bytes.length - 2; i >= 0; i--) {
            if (bytes[i] == '\n' && ++found == lines) {
                return i + 1;
            }
        }
        return 0;
    }
}
