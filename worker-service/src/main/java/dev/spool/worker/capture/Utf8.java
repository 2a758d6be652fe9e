package dev.spool.worker.capture;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Cutting raw output without splitting a UTF-8 character, and decoding it without failing on binary. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The index of the first byte at or after {@code from} (and before {@code end}) that does not continue a
     * multi-byte character, so that text cut there does not start in the middle of one. Gives up after the longest
     * UTF-8 sequence, because such bytes are not UTF-8 text anyway.
     */
    static int nextCharacterStart(byte[] bytes, int from, int end) {
        int index = from;
        while (index < end && index - from < 3 && isContinuation(bytes[index])) {
            index++;
        }
        return index;
    }

    static int nextCharacterStart(byte[] bytes, int from) {
        return nextCharacterStart(bytes, from, bytes.length);
    }

    /**
     * The largest index at or before {@code cut} at which {@code bytes} can end without splitting a character:
     * a character whose bytes do not all lie before {@code cut} is dropped whole. Only the bytes before {@code cut}
     * are read, so it works on a buffer that holds no more.
     */
    static int characterEndAtOrBefore(byte[] bytes, int cut) {
        if (cut == 0) {
            return 0;
        }
        int lead = cut - 1;
        while (lead > 0 && cut - lead < 4 && isContinuation(bytes[lead])) {
            lead--;
        }
        if (isContinuation(bytes[lead])) {
            return cut;
        }
        return lead + sequenceLength(bytes[lead]) > cut ? lead : cut;
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        if (b >= 0xF0 && b < 0xF8) {
            return 4;
        }
        if (b >= 0xE0 && b < 0xF0) {
            return 3;
        }
        if (b >= 0xC0 && b < 0xE0) {
            return 2;
        }
        return 1;
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

    /** The text of {@code bytes}; a byte sequence that is not UTF-8 becomes U+FFFD and makes {@code decoded.binary()}. */
    static Decoded decode(byte[] bytes, int offset, int length) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
            return new Decoded(text, false);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(bytes, offset, length, StandardCharsets.UTF_8), true);
        }
    }

    record Decoded(String text, boolean binary) {
    }
}
