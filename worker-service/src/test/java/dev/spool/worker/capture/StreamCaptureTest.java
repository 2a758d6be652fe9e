package dev.spool.worker.capture;

import dev.spool.contracts.StreamName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class StreamCaptureTest {

    @TempDir
    Path dir;

    private CaptureResult capture(byte[] input, long maxBytes) throws IOException {
        return new StreamCapture(StreamName.STDOUT, maxBytes, dir.resolve("out.gz"), 6).capture(new ByteArrayInputStream(input));
    }

    private byte[] spooled(CaptureResult result) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(result.spoolFile()))) {
            return in.readAllBytes();
        }
    }

    @Test
    void outputWithinTheLimitIsKeptWhole() throws IOException {
        byte[] input = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
        CaptureResult result = capture(input, 1024);
        assertThat(result.text()).isEqualTo("one\ntwo\nthree\n");
        assertThat(result.truncated()).isFalse();
        assertThat(result.originalBytes()).isEqualTo(14);
        assertThat(result.keptBytes()).isEqualTo(14);
        assertThat(result.originalLines()).isEqualTo(3);
    }

    @Test
    void longerOutputKeepsItsTailBehindAMarkerWithExactCounts() throws IOException {
        byte[] input = "line 1\nline 2\nline 3\nline 4\n".getBytes(StandardCharsets.UTF_8);
        CaptureResult result = capture(input, 10);
        // The last 10 bytes are " 3\nline 4\n": 18 bytes and 2 whole lines were dropped.
        assertThat(result.text()).isEqualTo("[... 18 bytes (2 lines) truncated ...]\n 3\nline 4\n");
        assertThat(result.truncated()).isTrue();
        assertThat(result.keptBytes()).isEqualTo(10);
        assertThat(result.originalBytes()).isEqualTo(28);
        assertThat(result.originalLines()).isEqualTo(4);
    }

    @Test
    void theCutNeverSplitsAUtf8Character() throws IOException {
        byte[] input = "aé€😀z".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 + 1 bytes
        for (int limit = 1; limit < input.length; limit++) {
            CaptureResult result = capture(input, limit);
            String kept = result.text().substring(result.text().indexOf("...]\n") + 5);
            assertThat(kept).as("limit %d", limit).doesNotContain("\uFFFD");
            assertThat(new String(input, StandardCharsets.UTF_8)).endsWith(kept);
            assertThat(result.keptBytes()).isEqualTo(kept.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void emptyOutputHasNoLinesAndNoMarker() throws IOException {
        CaptureResult result = capture(new byte[0], 100);
        assertThat(result.text()).isEmpty();
        assertThat(result.originalLines()).isZero();
        assertThat(result.truncated()).isFalse();
        assertThat(spooled(result)).isEmpty();
    }

    @Test
    void aLastLineWithoutNewlineCountsAsALine() throws IOException {
        assertThat(capture("a\nb".getBytes(StandardCharsets.UTF_8), 100).originalLines()).isEqualTo(2);
        assertThat(capture("a\r\nb\r\n".getBytes(StandardCharsets.UTF_8), 100).originalLines()).isEqualTo(2);
    }

    @Test
    void aZeroBudgetKeepsNothingButCountsEverything() throws IOException {
        CaptureResult result = capture("abc\n".getBytes(StandardCharsets.UTF_8), 0);
        assertThat(result.text()).isEqualTo("[... 4 bytes (1 lines) truncated ...]\n");
        assertThat(result.keptBytes()).isZero();
    }

    @Test
    void theSpoolHoldsEveryByteOfAStreamFarLargerThanTheBudget() throws IOException {
        byte[] input = new byte[5 * 1024 * 1024 + 123];
        new Random(7).nextBytes(input);
        CaptureResult result = capture(input, 4096);
        assertThat(spooled(result)).isEqualTo(input);
        assertThat(result.originalBytes()).isEqualTo(input.length);
    }

    /** For random inputs and budgets, the kept text is exactly the tail that the definition describes. */
    @Test
    void keptTextMatchesTheTailDefinitionForRandomInputs() throws IOException {
        Random random = new Random(42);
        String alphabet = "ab\n é€";
        for (int run = 0; run < 300; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(3000);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] input = text.toString().getBytes(StandardCharsets.UTF_8);
            int limit = random.nextInt(200_000) % 2500;
            CaptureResult result = capture(input, limit);

            int start = Math.max(0, input.length - limit);
            while (start < input.length && (input[start] & 0xC0) == 0x80) {
                start++;
            }
            byte[] tail = Arrays.copyOfRange(input, start, input.length);
            long droppedLines = countNewlines(Arrays.copyOfRange(input, 0, start));
            String expected = start == 0 ? new String(input, StandardCharsets.UTF_8)
                    : "[... %,d bytes (%,d lines) truncated ...]\n".formatted(start, droppedLines) + new String(tail, StandardCharsets.UTF_8);
            assertThat(result.text()).as("input of %d bytes, limit %d", input.length, limit).isEqualTo(expected);
            assertThat(result.keptBytes()).isEqualTo(tail.length);
            assertThat(result.truncated()).isEqualTo(start > 0);
        }
    }

    private static long countNewlines(byte[] bytes) {
        long count = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }
}
