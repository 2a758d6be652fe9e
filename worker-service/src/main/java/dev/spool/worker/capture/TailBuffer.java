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

    /** How many of the last bytes the ring holds. */
    int held() {
        return (int) Math.min(written, ring.length);
    }

    /** The last {@code count} bytes written, oldest first; {@code count} is at most {@link #held()}. */
    byte[] last(int count) {
        byte[] out = new byte[count];
        int start = Math.floorMod(next - count, Math.max(ring.length, 1));
        int firstPart = Math.min(count, ring.length - start);
        System.arraycopy(ring, start, out, 0, firstPart);
        System.arraycopy(ring, 0, out, firstPart, count - firstPart);
        return out;
    }

    /** All the bytes it holds, oldest first. */
    byte[] contents() {
        return last(held());
    }

    /**
     * Whether the last {@code count} bytes begin a line: they are the whole stream, or the byte before them is a
     * newline. {@code count} is less than {@link #held()} unless it is the whole stream.
     */
    boolean startsLine(int count) {
        if (count >= written) {
            return true;
        }
        return ring[Math.floorMod(next - count - 1, ring.length)] == '\n';
    }
}
