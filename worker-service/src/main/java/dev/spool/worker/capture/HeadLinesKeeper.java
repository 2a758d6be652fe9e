package dev.spool.worker.capture;

/**
 * {@code head_lines}: whole lines from the start of the stream, at most {@code maxLines} of them (0: no line bound)
 * and at most the byte budget. When even the first line is longer than the budget, its first bytes are kept, so
 * that a stream of one huge line still shows something.
 */
final class HeadLinesKeeper implements OutputKeeper {

    private final HeadBuffer head;
    private final int maxLines;

    HeadLinesKeeper(int budget, int maxLines) {
        this.head = new HeadBuffer(budget);
        this.maxLines = maxLines;
    }

    @Override
    public void accept(byte[] chunk, int offset, int length) {
        head.write(chunk, offset, length);
    }

    @Override
    public Kept render(int budget, StreamTotals totals) {
        byte[] bytes = head.bytes();
        int limit = Math.min(head.size(), budget);
        int end = 0;
        int lines = 0;
        while (maxLines == 0 || lines < maxLines) {
            int newline = indexOfNewline(bytes, end, limit);
            if (newline < 0) {
                break;
            }
            end = newline + 1;
            lines++;
        }
        boolean lastLineFits = totals.bytes() <= limit && (maxLines == 0 || lines < maxLines);
        if (lastLineFits) {
            end = (int) totals.bytes();
        }
        if (end == totals.bytes()) {
            return new KeptText().original(bytes, 0, end).build();
        }
        if (end == 0) {
            end = head.characterEndAtOrBefore(limit);
        }
        return new KeptText()
                .original(bytes, 0, end)
                .marker(totals.bytes() - end, totals.newlines() - Utf8.countNewlines(bytes, 0, end))
                .build();
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
