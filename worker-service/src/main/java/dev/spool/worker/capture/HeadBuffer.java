package dev.spool.worker.capture;

/** Keeps the first {@code capacity} bytes written to it and ignores the rest. Its memory is the capacity, allocated once. */
final class HeadBuffer {

    private final byte[] head;
    private int size;

    HeadBuffer(int capacity) {
        this.head = new byte[capacity];
    }

    /** @return how many of the bytes it kept; the rest came after it was full */
    int write(byte[] bytes, int offset, int length) {
        int taken = Math.min(length, head.length - size);
        System.arraycopy(bytes, offset, head, size, taken);
        size += taken;
        return taken;
    }

    int size() {
        return size;
    }

    /** The kept bytes; only the first {@link #size()} hold data. */
    byte[] bytes() {
        return head;
    }

    /** Where the kept bytes can end at or before {@code cut} without splitting a character. */
    int characterEndAtOrBefore(int cut) {
        return Utf8.characterEndAtOrBefore(head, Math.min(cut, size));
    }
}
