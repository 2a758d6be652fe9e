package dev.spool.worker.capture;

import dev.spool.contracts.StreamName;
import dev.spool.contracts.TruncationStrategy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** Runs a capture over bytes as a process would deliver them: in reads of uneven size. */
final class Captures {

    private Captures() {
    }

    static CaptureResult capture(Path dir, byte[] input, TruncationStrategy strategy, int budget, int maxLines,
                                 List<String> secrets, long seed) throws IOException {
        Files.deleteIfExists(dir.resolve("out.gz"));
        OutputSpool spool = new OutputSpool(dir.resolve("out.gz"), true, 1, Long.MAX_VALUE);
        StreamCapture capture = new StreamCapture(StreamName.STDOUT, OutputKeepers.of(strategy, budget, maxLines, List.of()),
                spool, secrets);
        return capture.capture(new UnevenReads(input, new Random(seed)));
    }

    static byte[] spooled(CaptureResult result) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(result.spool().file()))) {
            return in.readAllBytes();
        }
    }

    /** Hands out its bytes a random 1 to 300 at a time, so that cuts fall everywhere. */
    static final class UnevenReads extends ByteArrayInputStream {
        private final Random random;

        UnevenReads(byte[] bytes, Random random) {
            super(bytes);
            this.random = random;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(300)));
        }
    }
}
