package dev.spool.worker.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * Replaces every occurrence of a secret value by {@code ***} before the bytes reach the kept text or the spool.
 * A value that straddles two reads is still found: the bytes that could begin one are held back until the next
 * read tells. It holds back at most the longest secret's length, less one byte.
 */
public final class SecretMasker {

    static final byte[] MASK = "***".getBytes(StandardCharsets.UTF_8);

    private final byte[][] secrets;
    private final boolean[] startsSecret = new boolean[256];
    private final ByteSink sink;
    private byte[] work = new byte[0];
    private int held;

    SecretMasker(Collection<String> values, ByteSink sink) {
        this.secrets = values.stream()
                .filter(Objects::nonNull)
                .filter(v -> !v.isEmpty())
                .distinct()
                .map(v -> v.getBytes(StandardCharsets.UTF_8))
                // The longest first, so that a secret that contains another is masked whole.
                .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed())
                .toArray(byte[][]::new);
        for (byte[] secret : secrets) {
            startsSecret[secret[0] & 0xFF] = true;
        }
        this.sink = sink;
    }

    boolean masksAnything() {
        return secrets.length > 0;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (work.length < held + length) {
            work = Arrays.copyOf(work, held + length);
        }
        System.arraycopy(bytes, offset, work, held, length);
        scan(held + length, false);
    }

    /** The stream ended: what was held back cannot begin a secret any more. */
    void finish() throws IOException {
        scan(held, true);
    }

    private void scan(int end, boolean last) throws IOException {
        int emitted = 0;
        int i = 0;
        outer:
        while (i < end) {
            if (!startsSecret[work[i] & 0xFF]) {
                i++;
                continue;
            }
            for (byte[] secret : secrets) {
                int available = Math.min(secret.length, end - i);
                if (!Arrays.equals(work, i, i + available, secret, 0, available)) {
                    continue;
                }
                if (available == secret.length) {
                    sink.write(work, emitted, i - emitted);
                    sink.write(MASK, 0, MASK.length);
                    i += secret.length;
                    emitted = i;
                    continue outer;
                }
                if (!last) {
                    // The bytes from i on may begin this secret: keep them for the next read.
                    sink.write(work, emitted, i - emitted);
                    System.arraycopy(work, i, work, 0, end - i);
                    held = end - i;
                    return;
                }
            }
            i++;
        }
        sink.write(work, emitted, end - emitted);
        held = 0;
    }
}
