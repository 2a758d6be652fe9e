package dev.spool.worker.capture;

/** {@code tail}: the last bytes of the stream. */
final class TailKeeper implements OutputKeeper {

    private final TailBuffer tail;

    TailKeeper(int budget) {
        this.tail = new TailBuffer(budget);
    }

    @Override
    public void accept(byte[] chunk, int offset, int length) {
        tail.write(chunk, offset, length);
    }

    @Override
    public Kept render(int budget, StreamTotals totals) {
        if (totals.bytes() <= budget) {
            return new KeptText().original(tail.contents()).build();
        }
        byte[] window = tail.last(budget);
        int start = Utf8.nextCharacterStart(window, 0);
        int length = window.length - start;
        return new KeptText()
                .marker(totals.bytes() - length, totals.newlines() - Utf8.countNewlines(window, start, length))
                .original(window, start, length)
                .build();
    }
}
