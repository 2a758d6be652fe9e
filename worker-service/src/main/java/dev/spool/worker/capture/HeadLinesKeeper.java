package dev.spool.worker.capture;

/**
 * {@code head_lines}: whole lines from the start of the stream, at most {@code maxLines} of them (0: no line bound)
 * and at most the byte budget. When even the first line is longer than the budget, its first bytes are kept, so
 * that a stream of one huge line still shows something.
 */
final class HeadLinesKeeper implements OutputKeeper {

    private final byte[] head;
    private final int maxLines;
    private int size;

    HeadLinesKeeper(int budget, int maxLines) {
        this.head = new byte[budget];
        this.maxLines = maxLines;
    }

    @Override
    public void accept(byte[] chunk, int offset, int length) {
        int taken = Math.min(length, head.length - size);
        System.arraycopy(chunk, offset, head, size, taken);
        size += taken;
    }

    @Override
    public Kept render(int budget, StreamTotals totals) {
        int limit = Math.min(size, budget);
        int end = 0;
        int lines = 0;
        while (maxLines == 0 || lines < maxLines) {
            int newline = indexOfNewline(end, limit);
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
            return new KeptText().original(head, 0, end).build();
        }
        if (end == 0) {
            end = Utf8.characterEndAtOrBefore(head, Math.min(limit, size));
        }
        return new KeptText()
                .original(head, 0, end)
                .marker(totals.bytes() - end, totals.newlines() - Utf8.countNewlines(head, 0, end))
                .build();
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (head[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
