package dev.spool.worker.service;

import dev.spool.contracts.CapturedOutput;
import dev.spool.contracts.ObjectKeys;
import dev.spool.contracts.TaskDispatch;
import dev.spool.contracts.TruncationStrategy;
import dev.spool.worker.capture.OutputSpool;
import dev.spool.worker.config.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The claim check for kept text: text larger than {@code spool.worker.kept-text-inline-bytes} is stored as an object
 * of its own and the result carries its key, so that a task may keep far more than a Kafka message holds. When it
 * cannot be stored, the result carries as much as travels inline, cut as the task's strategy cuts, and says so.
 */
@ApplicationScoped
public class KeptTextClaims {

    private static final Logger LOG = Logger.getLogger(KeptTextClaims.class);

    private final WorkerConfig config;
    private final OutputUploader uploader;
    private final MeterRegistry metrics;

    public KeptTextClaims(WorkerConfig config, OutputUploader uploader, MeterRegistry metrics) {
        this.config = config;
        this.uploader = uploader;
        this.metrics = metrics;
    }

    /** @param directory the attempt's directory, where the text is written before it is sent */
    public CapturedOutput claimChecked(TaskDispatch task, CapturedOutput output, String execution, Path directory) {
        long inline = config.keptTextInlineBytes().asLongValue();
        if ((long) output.text().length() * 3 <= inline) {
            return output;
        }
        byte[] utf8 = output.text().getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= inline) {
            return output;
        }
        String key = ObjectKeys.keptText(task.runId(), task.taskId(), task.attemptId(), execution, output.stream());
        Path file = directory.resolve(output.stream().wireName() + ".kept.gz");
        try {
            OutputSpool spool = OutputSpool.of(file, utf8, config.gzipLevel());
            uploader.upload(key, spool);
            metrics.counter("spool.worker.kept.text.stored").increment();
            return output.withKeptTextStored(new CapturedOutput.KeptTextObject(key, utf8.length, spool.sha256()));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("kept %s of attempt %s (%d bytes) could not be stored: %s; the result carries %d bytes of it",
                    output.stream().wireName(), task.attemptId(), utf8.length, e.getMessage(), inline);
            metrics.counter("spool.worker.kept.text.inlined").increment();
            return inlined(output, utf8, (int) inline, e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // The attempt's directory goes with the attempt.
            }
        }
    }

    /** As much of the text as travels inline: its start for the head strategies, its end for the others. */
    private static CapturedOutput inlined(CapturedOutput output, byte[] utf8, int inline, String why) {
        boolean keepStart = output.strategy() == TruncationStrategy.HEAD || output.strategy() == TruncationStrategy.HEAD_LINES;
        int from = keepStart ? 0 : utf8.length - inline;
        int to = keepStart ? inline : utf8.length;
        while (!keepStart && from < utf8.length && (utf8[from] & 0xC0) == 0x80) {
            from++;
        }
        while (keepStart && to > 0 && (utf8[to] & 0xC0) == 0x80) {
            to--;
        }
        String text = new String(utf8, from, to - from, StandardCharsets.UTF_8);
        String problem = "the kept text (" + utf8.length + " bytes) was too large to travel in the result and could not be stored ("
                + why + "); only its " + (keepStart ? "first " : "last ") + (to - from) + " bytes are kept";
        String storageError = output.storageError() == null ? problem : output.storageError() + "; " + problem;
        return new CapturedOutput(output.stream(), text, output.originalBytes(), output.originalLines(),
                Math.min(output.keptBytes(), to - from), true, output.strategy(), output.binary(), output.storedObject(), true, storageError);
    }
}
