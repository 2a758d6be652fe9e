package dev.spool.worker.capture;

import dev.spool.contracts.TruncationMarker;
import dev.spool.contracts.StreamName;
import dev.spool.contracts.TruncationStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StreamCaptureTest {

    @TempDir
    Path dir;

    private CaptureResult capture(byte[] input, int budget) throws IOException {
        return Captures.capture(dir, input, TruncationStrategy.TAIL, budget, 0, List.of(), 1);
    }

    @Test
    void emptyOutputHasNoLinesAndNoMarker() throws IOException {
        CaptureResult result = capture(new byte[0], 100);
        assertThat(result.kept(100).text()).isEmpty();
        assertThat(result.totals().lines()).isZero();
        assertThat(result.kept(100).truncated()).isFalse();
        assertThat(Captures.spooled(result)).isEmpty();
    }

    @Test
    void aLastLineWithoutNewlineCountsAsALineAndCrLfIsOneLineEnd() throws IOException {
        assertThat(capture("a\nb".getBytes(StandardCharsets.UTF_8), 100).totals().lines()).isEqualTo(2);
        CaptureResult crlf = capture("a\r\nb\r\n".getBytes(StandardCharsets.UTF_8), 3);
        assertThat(crlf.totals().lines()).isEqualTo(2);
        assertThat(crlf.kept(3).text()).isEqualTo("[... 3 bytes (1 lines) truncated ...]\nb\r\n");
    }

    @Test
    void aZeroBudgetKeepsNothingButCountsEverything() throws IOException {
        Kept kept = capture("abc\n".getBytes(StandardCharsets.UTF_8), 0).kept(0);
        assertThat(kept.text()).isEqualTo("[... 4 bytes (1 lines) truncated ...]\n");
        assertThat(kept.keptBytes()).isZero();
    }

    @Test
    void binaryOutputIsKeptSafelyAndSaysSo() throws IOException {
        byte[] input = {'o', 'k', '\n', (byte) 0xFF, (byte) 0xFE, 0, (byte) 0xC3, '\n'};
        CaptureResult result = capture(input, 100);
        Kept kept = result.kept(100);
        assertThat(kept.binary()).isTrue();
        assertThat(kept.text()).startsWith("ok\n").contains("\uFFFD");
        assertThat(Captures.spooled(result)).isEqualTo(input);
        assertThat(capture("plain é\n".getBytes(StandardCharsets.UTF_8), 100).kept(100).binary()).isFalse();
    }

    @Test
    void aHugeSingleLineWithoutNewlineIsCountedAndItsTailKept() throws IOException {
        long size = 64L * 1024 * 1024;
        OutputSpool spool = new OutputSpool(dir.resolve("big.gz"), true, 1, Long.MAX_VALUE);
        StreamCapture capture = new StreamCapture(StreamName.STDOUT, OutputKeepers.of(TruncationStrategy.TAIL, 1024, 0, List.of()), spool, List.of());
        CaptureResult result = capture.capture(new RepeatedByte('y', size));
        assertThat(result.totals().bytes()).isEqualTo(size);
        assertThat(result.totals().lines()).isEqualTo(1);
        assertThat(result.kept(1024).text()).isEqualTo(TruncationMarker.of(size - 1024, 0) + "y".repeat(1024));
        assertThat(spool.storedBytes()).isEqualTo(size);
    }

    @Test
    void aFullSpoolDiskGivesUpTheFullCopyButNotTheKeptText() throws IOException {
        // /dev/full refuses every write with ENOSPC, as a full disk does.
        OutputSpool spool = new OutputSpool(Path.of("/dev/full"), true, 1, Long.MAX_VALUE);
        StreamCapture capture = new StreamCapture(StreamName.STDOUT, OutputKeepers.of(TruncationStrategy.TAIL, 1024, 0, List.of()), spool, List.of());
        CaptureResult result = capture.capture(new RepeatedByte('z', 4L * 1024 * 1024));
        assertThat(result.totals().bytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(result.kept(1024).text()).endsWith("z".repeat(1024));
        assertThat(spool.failure()).contains("spool disk failed", "No space left on device");
    }

    @Test
    void theSpoolHoldsEveryByteWithItsSha256() throws Exception {
        byte[] input = new byte[5 * 1024 * 1024 + 123];
        new Random(7).nextBytes(input);
        CaptureResult result = capture(input, 4096);
        assertThat(Captures.spooled(result)).isEqualTo(input);
        assertThat(result.spool().sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input)));
        assertThat(result.spool().storedBytes()).isEqualTo(input.length);
        assertThat(result.spool().clipped()).isFalse();
    }

    @Test
    void aSpoolAtItsDiskCapStopsGrowingAndSaysItWasClipped() throws IOException {
        byte[] input = new byte[4 * 1024 * 1024];
        new Random(3).nextBytes(input);
        OutputSpool spool = new OutputSpool(dir.resolve("capped.gz"), true, 1, 1024 * 1024);
        StreamCapture capture = new StreamCapture(StreamName.STDERR, OutputKeepers.of(TruncationStrategy.TAIL, 100, 0, List.of()), spool, List.of());
        CaptureResult result = capture.capture(new Captures.UnevenReads(input, new Random(1)));
        assertThat(spool.clipped()).isTrue();
        assertThat(spool.storedBytes()).isLessThan(input.length).isGreaterThan(900_000);
        assertThat(Files.size(spool.file())).isLessThan(1024 * 1024 + 128 * 1024);
        byte[] stored = Captures.spooled(result);
        assertThat(stored.length).isEqualTo(spool.storedBytes());
        assertThat(java.util.Arrays.equals(stored, 0, stored.length, input, 0, stored.length)).isTrue();
        assertThat(result.totals().bytes()).isEqualTo(input.length);
    }

    @Test
    void uncompressedSpoolHoldsTheBytesAsPrinted() throws IOException {
        byte[] input = "as printed\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        OutputSpool spool = new OutputSpool(dir.resolve("raw.log"), false, 1, Long.MAX_VALUE);
        new StreamCapture(StreamName.STDOUT, OutputKeepers.of(TruncationStrategy.HEAD, 10, 0, List.of()), spool, List.of())
                .capture(new Captures.UnevenReads(input, new Random(2)));
        assertThat(Files.readAllBytes(spool.file())).isEqualTo(input);
        assertThat(spool.compressed()).isFalse();
    }

    @Test
    void secretsNeverReachTheKeptTextOrTheSpoolWhereverTheReadsFall() throws IOException {
        String secret = "hunter2-Sup3rS3cret";
        String printed = "token=" + secret + "\n" + "x".repeat(500) + secret + secret + "\nend " + secret;
        byte[] input = printed.getBytes(StandardCharsets.UTF_8);
        String masked = printed.replace(secret, "***");
        for (long seed = 0; seed < 50; seed++) {
            CaptureResult result = Captures.capture(dir, input, TruncationStrategy.HEAD, 10_000, 0, List.of(secret, "unused"), seed);
            assertThat(result.kept(10_000).text()).isEqualTo(masked);
            assertThat(new String(Captures.spooled(result), StandardCharsets.UTF_8)).isEqualTo(masked);
        }
    }

    /** An endless run of one byte, cut off at a size, without holding it. */
    private static final class RepeatedByte extends InputStream {
        private final byte value;
        private long left;

        RepeatedByte(char value, long size) {
            this.value = (byte) value;
            this.left = size;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, value);
            left -= n;
            return n;
        }
    }
}
