package dev.spool.contracts.blocked;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Outputs written block by block read back whole, and by their last lines, first lines and byte ranges. */
class BlockedFormatTest {

    private record Stored(byte[] original, byte[] object, BlockIndex index) {
    }

    private static Stored store(byte[] original, boolean compressed, int blockBytes) throws IOException {
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        BlockedOutputStream out = new BlockedOutputStream(object, compressed, 1, blockBytes);
        // In pieces of every size, as a process prints.
        Random pieces = new Random(original.length);
        for (int at = 0; at < original.length; ) {
            int n = Math.min(original.length - at, 1 + pieces.nextInt(blockBytes * 2));
            out.write(original, at, n);
            at += n;
        }
        out.close();
        return new Stored(original, object.toByteArray(), out.index());
    }

    private static byte[] read(Stored stored, BlockIndex.Span span) throws IOException {
        byte[] slice = Arrays.copyOfRange(stored.object(), (int) span.storedFrom(), (int) Math.max(span.storedFrom(), span.storedTo()));
        try (SpanReader reader = new SpanReader(new ByteArrayInputStream(slice), stored.index(), span)) {
            return reader.readAllBytes();
        }
    }

    private static byte[] randomOutput(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(400);
        for (int i = 0; i < lines; i++) {
            text.append("line ").append(i).append(" ").append("x".repeat(random.nextInt(random.nextBoolean() ? 5 : 300))).append('\n');
            if (random.nextInt(20) == 0) {
                text.append('\n');
            }
        }
        if (random.nextBoolean()) {
            text.append("no newline at the end");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String lastLines(String text, int n) {
        int at = text.length();
        int newlines = 0;
        int i = text.endsWith("\n") ? text.length() - 2 : text.length() - 1;
        for (; i >= 0; i--) {
            if (text.charAt(i) == '\n' && ++newlines == n) {
                at = i + 1;
                break;
            }
        }
        return i < 0 ? text : text.substring(at);
    }

    private static String firstLines(String text, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf('\n', at + 1);
            if (at < 0) {
                return text;
            }
        }
        return text.substring(0, at + 1);
    }

    @Test
    void theObjectIsOneValidGzipThatGzipReadsWhole() throws IOException {
        byte[] original = randomOutput(new Random(7));
        Stored stored = store(original, true, 256);
        assertThat(stored.index().blocks()).hasSizeGreaterThan(10);
        try (GZIPInputStream whole = new GZIPInputStream(new ByteArrayInputStream(stored.object()))) {
            assertThat(whole.readAllBytes()).isEqualTo(original);
        }
        assertThat(stored.index().originalBytes()).isEqualTo(original.length);
        assertThat(stored.index().lines()).isEqualTo(new String(original, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count());
    }

    @Test
    void anEmptyOutputIsAnEmptyGzipFile() throws IOException {
        Stored stored = store(new byte[0], true, 256);
        try (GZIPInputStream whole = new GZIPInputStream(new ByteArrayInputStream(stored.object()))) {
            assertThat(whole.readAllBytes()).isEmpty();
        }
        assertThat(read(stored, stored.index().tailLines(10, stored.object().length))).isEmpty();
    }

    @Test
    void tailsHeadsAndRangesMatchTheOriginalOnRandomCases() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            byte[] original = randomOutput(random);
            boolean compressed = random.nextBoolean();
            Stored stored = store(original, compressed, 16 + random.nextInt(2000));
            String text = new String(original, StandardCharsets.UTF_8);
            String what = "round " + round + (compressed ? " gzip" : " plain") + ", " + original.length + " bytes";

            int n = 1 + random.nextInt(50);
            assertThat(new String(read(stored, stored.index().tailLines(n, stored.object().length)), StandardCharsets.UTF_8))
                    .as("last %d lines, %s", n, what).isEqualTo(lastLines(text, n));
            assertThat(new String(read(stored, stored.index().headLines(n, stored.object().length)), StandardCharsets.UTF_8))
                    .as("first %d lines, %s", n, what).isEqualTo(firstLines(text, n));
            if (original.length > 0) {
                int from = random.nextInt(original.length);
                int to = from + random.nextInt(original.length - from);
                assertThat(read(stored, stored.index().bytes(from, to, stored.object().length)))
                        .as("bytes %d-%d, %s", from, to, what).isEqualTo(Arrays.copyOfRange(original, from, to + 1));
            }
        }
    }

    @Test
    void theLastLinesOfALargeOutputReadOnlyTheLastBlocks() throws IOException {
        byte[] original = "a line of a long output\n".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        Stored stored = store(original, true, 64 * 1024);
        BlockIndex.Span tail = stored.index().tailLines(100, stored.object().length);
        assertThat(tail.storedLength()).isLessThan(stored.object().length / 20);
        assertThat(new String(read(stored, tail), StandardCharsets.UTF_8)).isEqualTo("a line of a long output\n".repeat(100));
    }

    @Test
    void theIndexRoundTripsAsCompactJson() throws IOException {
        Stored stored = store("one\ntwo\nthree".getBytes(StandardCharsets.UTF_8), true, 4);
        ObjectMapper json = new ObjectMapper();
        String written = json.writeValueAsString(stored.index());
        assertThat(written).contains("\"blocks\":[[0,0,1],", "\"ends_with_newline\":false", "\"original_bytes\":13");
        assertThat(json.readValue(written, BlockIndex.class)).isEqualTo(stored.index());
    }
}
