import dev.spool.contracts.StreamName;
import dev.spool.contracts.TruncationStrategy;
import dev.spool.worker.capture.CaptureResult;
import dev.spool.worker.capture.Kept;
import dev.spool.worker.capture.OutputKeepers;
import dev.spool.worker.capture.OutputSpool;
import dev.spool.worker.capture.StreamCapture;

import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The worker's capture, alone: reads stdin to its end exactly as the worker reads a task's stdout (same keeper,
 * same gzip spool, same SHA-256), and prints one line of figures. Also writes the benchmark's input.
 *
 *   java CaptureBench capture <strategy> <budget-bytes> <gzip-level> <spool-file>   < input
 *   java CaptureBench generate <bytes> <file>
 */
public class CaptureBench {

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "capture" -> capture(TruncationStrategy.fromWireName(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            case "generate" -> generate(Long.parseLong(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("capture or generate");
        }
    }

    private static void capture(TruncationStrategy strategy, long budget, int level, Path spoolFile) throws IOException {
        long start = System.nanoTime();
        OutputSpool spool = new OutputSpool(spoolFile, true, level, Long.MAX_VALUE);
        StreamCapture capture = new StreamCapture(StreamName.STDOUT, OutputKeepers.of(strategy, budget, 0, List.of()), spool, List.of());
        InputStream in = new FileInputStream(java.io.FileDescriptor.in);
        CaptureResult result = capture.capture(in);
        Kept kept = result.kept((int) budget);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("strategy=%s bytes=%d lines=%d kept=%d spool=%d sha256=%s seconds=%.3f%n", strategy.wireName(),
                result.totals().bytes(), result.totals().lines(), kept.keptBytes(), spool.fileBytes(), spool.sha256(), seconds);
    }

    /** Log lines of the usual kind: timestamps, levels, ids, numbers; a warning or an error now and then. */
    private static void generate(long bytes, Path file) throws IOException {
        Random random = new Random(20261121);
        String[] paths = {"/api/v1/items/", "/api/v1/orders/", "/healthz", "/api/v1/users/", "/static/app.js"};
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(file.toFile()), 1 << 20)) {
            long written = 0;
            long millis = 1_763_700_000_000L;
            StringBuilder line = new StringBuilder(200);
            while (written < bytes) {
                line.setLength(0);
                millis += random.nextInt(50);
                int roll = random.nextInt(1000);
                String level = roll < 3 ? "ERROR" : roll < 20 ? "WARN " : "INFO ";
                line.append(java.time.Instant.ofEpochMilli(millis)).append(' ').append(level)
                        .append(" [worker-").append(random.nextInt(16)).append("] request id=")
                        .append(Long.toHexString(random.nextLong())).append(" path=").append(paths[random.nextInt(paths.length)])
                        .append(random.nextInt(100_000)).append(" status=").append(roll < 3 ? 500 : 200)
                        .append(" took ").append(random.nextInt(2_000)).append(" ms");
                if (roll < 3) {
                    line.append(" java.io.IOException: connection reset by peer");
                }
                line.append('\n');
                byte[] encoded = line.toString().getBytes(StandardCharsets.US_ASCII);
                int length = (int) Math.min(encoded.length, bytes - written);
                out.write(encoded, 0, length);
                written += length;
            }
        }
    }
}
