package dev.spool.worker.capture;

final class Utf8 {

    private Utf8() {
    }

    /**
     * The index of the first byte at or after {@code from} that does not continue a multi-byte character,
     * so that text cut there does not start in the middle of one. Gives up after the longest UTF-8 sequence,
     * because such bytes are not UTF-8 text anyway.
     */
    static int nextCharacterStart(byte[] bytes, int from) {
        int index = from;
        while (index < bytes.length && index - from < 3 && isContinuation(bytes[index])) {
            index++;
        }
        return index;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    static long countNewlines(byte[] bytes, int offset, int length) {
        long count = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
