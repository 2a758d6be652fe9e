package dev.spool.worker.capture;

/** {@code head}: the first bytes of the stream. */
final class HeadKeeper implements OutputKeeper {

    private final HeadBuffer head;

    HeadKeeper(int budget) {
        this.head = new HeadBuffer(budget);
    }

    @Override
    public void accept(byte[] chunk, int offset, int length) {
        head.write(chunk, offset, length);
    }

    @Override
    public Kept render(int budget, StreamTotals totals) {
        if (totals.bytes() <= budget) {
            return new KeptText().original(head.bytes(), 0, head.size()).build();
        }
        int cut = head.characterEndAtOrBefore(budget);
        return new KeptText()
                .original(head.bytes(), 0, cut)
                .marker(totals.bytes() - cut, totals.newlines() - Utf8.countNewlines(head.bytes(), 0, cut))
                .build();
    }
}
