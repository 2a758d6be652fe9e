package dev.spool.worker.capture;

/** {@code both}: the first half of the budget from the start of the stream, the second half from its end. */
final class BothKeeper implements OutputKeeper {

    private final HeadBuffer head;
    private final TailBuffer tail;

    BothKeeper(int budget) {
        this.head = new HeadBuffer(headShare(budget));
        this.tail = new TailBuffer(budget - headShare(budget));
    }

    private static int headShare(int budget) {
        return budget - budget / 2;
    }

    @Override
    public void accept(byte[] chunk, int offset, int length) {
        int taken = head.write(chunk, offset, length);
        if (taken < length) {
            tail.write(chunk, offset + taken, length - taken);
        }
    }

    @Override
    public Kept render(int budget, StreamTotals totals) {
        if (totals.bytes() <= budget) {
            // Decoded as one piece: a character may straddle the head and the tail.
            return new KeptText().original(lastBytes(head.size() + tail.held())).build();
        }
        int headCut = head.characterEndAtOrBefore(headShare(budget));
        byte[] end = lastBytes(budget / 2);
        int tailStart = Utf8.nextCharacterStart(end, 0);
        int tailLength = end.length - tailStart;
        long droppedLines = totals.newlines() - Utf8.countNewlines(head.bytes(), 0, headCut) - Utf8.countNewlines(end, tailStart, tailLength);
        return new KeptText()
                .original(head.bytes(), 0, headCut)
                .marker(totals.bytes() - headCut - tailLength, droppedLines)
                .original(end, tailStart, tailLength)
                .build();
    }

    /**
     * The last {@code count} bytes of the stream. When the tail ring holds fewer, nothing was dropped between
     * the head and the tail, so the rest comes from the end of the head.
     */
    private byte[] lastBytes(int count) {
        int fromTail = Math.min(count, tail.held());
        int fromHead = Math.min(count - fromTail, head.size());
        byte[] out = new byte[fromHead + fromTail];
        System.arraycopy(head.bytes(), head.size() - fromHead, out, 0, fromHead);
        System.arraycopy(tail.last(fromTail), 0, out, fromHead, fromTail);
        return out;
    }
}
