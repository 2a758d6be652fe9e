package dev.spool.worker.capture;

/**
 * Keeps the last {@code capacity} bytes written to it in a fixed ring, whatever is written in total.
 * Its memory is the capacity, allocated once.
 */
final class TailBuffer {

    private final byte[] ring;
    private int next;
    private long written;

    TailBuffer(int capacity) {
        this.ring = new byte[capacity];
    }

    void write(byte[] bytes, int offset, int length) {
        written += length;
        int capacity = ring.length;
        if (capacity == 0) {
            return;
        }
        if (length >= capacity) {
            System.arraycopy(bytes, offset + length - capacity, ring, 0, capacity);
            next = 0;
            return;
        }
        int firstPart = Math.min(length, capacity - next);
        System.arraycopy(bytes, offset, ring, next, firstPart);
        System.arraycopy(bytes, offset + firstPart, ring, 0, length - firstPart);
        next = (next + length) % capacity;
    }

    long written() {
        return written;
    }

    /** The kept bytes in the order they were written. */
    byte[] contents() {
        int size = (int) Math.min(written, ring.length);
        byte[] out = new byte[size];
        if (written <= ring.length) {
            System.arraycopy(ring, 0, out, 0, size);
        } else {
            int olderPart = ring.length - next;
            System.arraycopy(ring, next, out, 0, olderPart);
            System.arraycopy(ring, 0, out, olderPart, next);
        }
        return out;
    }
}
