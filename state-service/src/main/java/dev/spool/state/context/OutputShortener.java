package dev.spool.state.context;

import dev.spool.contracts.TruncationMarker;
import dev.spool.contracts.TruncationStrategy;

import java.nio.charset.StandardCharsets;

/**
 * Cuts an output's kept text again so that it fits what is left of a context budget, by the output's own truncation
 * strategy, with the same marker as capture uses. {@code summary} text is already a digest; it is cut like
 * {@code both}, keeping its start and its end.
 */
final class OutputShortener {

    private OutputShortener() {
    }

    /** {@code text} within {@code maxBytes} bytes, marker included, or null when not even the marker fits. */
    static String shorten(String text, TruncationStrategy strategy, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        // The marker's size depends on what it counts; the largest count bounds it.
        int room = maxBytes - TruncationMarker.of(bytes.length, newlines(bytes, 0, bytes.length)).length() - 1;
        if (room < 0) {
            return null;
        }
        return switch (strategy) {
            case HEAD -> head(bytes, room, false);
            case HEAD_LINES -> head(bytes, room, true);
            case TAIL -> tail(bytes, room, false);
            case TAIL_LINES -> tail(bytes, room, true);
            case BOTH, SUMMARY -> both(bytes, room);
        };
    }

    private static String head(byte[] bytes, int room, boolean wholeLines) {
        int end = charBoundary(bytes, room);
        if (wholeLines) {
            int lineEnd = lastNewlineBefore(bytes, end);
            end = lineEnd > 0 ? lineEnd : end;
        }
        return decode(bytes, 0, end) + marker(bytes, end, bytes.length, end > 0 && bytes[end - 1] != '\n');
    }

    private static String tail(byte[] bytes, int room, boolean wholeLines) {
        int start = charBoundary(bytes, bytes.length - room);
        if (start < bytes.length && start > 0 && wholeLines) {
            int lineStart = firstLineStartFrom(bytes, start);
            start = lineStart < bytes.length ? lineStart : start;
        }
        return marker(bytes, 0, start, false) + decode(bytes, start, bytes.length);
    }

    private static String both(byte[] bytes, int room) {
        int headEnd = charBoundary(bytes, room / 2);
        int tailStart = charBoundary(bytes, bytes.length - (room - headEnd));
        return decode(bytes, 0, headEnd) + marker(bytes, headEnd, tailStart, headEnd > 0 && bytes[headEnd - 1] != '\n')
                + decode(bytes, tailStart, bytes.length);
    }

    private static String marker(byte[] bytes, int from, int to, boolean newlineFirst) {
        return (newlineFirst ? "\n" : "") + TruncationMarker.of(to - from, newlines(bytes, from, to));
    }

    /** The largest index at or before {@code index} that does not split a UTF-8 character. */
    private static int charBoundary(byte[] bytes, int index) {
        int at = Math.max(0, Math.min(index, bytes.length));
        while (at > 0 && at < bytes.length && (bytes[at] & 0xC0) == 0x80) {
            at--;
        }
        return at;
    }

    private static int lastNewlineBefore(byte[] bytes, int end) {
        for (int i = end - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static int firstLineStartFrom(byte[] bytes, int start) {
        if (bytes[start - 1] == '\n') {
            return start;
        }
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    private static long newlines(byte[] bytes, int from, int to) {
        long count = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    private static String decode(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
