package dev.spool.worker.capture;

/** {@code head}: the first bytes of the stream. */
final class HeadKeeper implements OutputKeeper {

    private final byte[] head;
    private int size;

    HeadKeeper(int budget) {
        this.head = new byte[budget];
    }

    @Override
    public void accept(byte[] chunk, int offset, int length) {
        int taken = Math.min(length, head.length - size);
        System.arraycopy(chunk, offset, head, size, taken);
        size += taken;
    }

    @Override
    public Kept render(int budget, StreamTotals totals) {
        if (totals.bytes() <= budget) {
            return new KeptText().original(head, 0, size).build();
        }
        int cut = Utf8.characterEndAtOrBefore(head, Math.min(budget, size));
        return new KeptText()
                .original(head, 0, cut)
                .marker(totals.bytes() - cut, totals.newlines() - Utf8.countNewlines(head, 0, cut))
                .build();
    }
}
