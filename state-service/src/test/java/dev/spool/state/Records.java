package dev.spool.state;

import dev.spool.contracts.CapturedOutput;
import dev.spool.contracts.ResourceUsage;
import dev.spool.contracts.StreamName;
import dev.spool.contracts.TaskResult;
import dev.spool.contracts.TaskStatus;
import dev.spool.contracts.TruncationStrategy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Results as a worker would publish them, for the tests to record. */
public final class Records {

    private Records() {
    }

    public static TaskResult result(UUID run, String task, int attempt, String stdout, Instant finishedAt) {
        return result(run, task, attempt, stdout, null, null, finishedAt);
    }

    public static TaskResult result(UUID run, String task, int attempt, String stdout, String result, String agent, Instant finishedAt) {
        return new TaskResult(run, task, UUID.randomUUID(), attempt, "worker-1", TaskStatus.SUCCEEDED, 0, null,
                finishedAt.minusSeconds(1), finishedAt, captured(StreamName.STDOUT, stdout, false, null),
                captured(StreamName.STDERR, "", false, null), new ResourceUsage(1000, 10, 5, 4096, 0, null, null), result, List.of(), agent);
    }

    /** A stdout that was cut at capture from {@code originalBytes}, its full copy stored under {@code objectKey}. */
    public static TaskResult truncated(UUID run, String task, int attempt, String kept, long originalBytes, String objectKey, Instant finishedAt) {
        CapturedOutput stdout = new CapturedOutput(StreamName.STDOUT, kept, originalBytes, 1000, kept.getBytes(StandardCharsets.UTF_8).length,
                true, TruncationStrategy.TAIL, false, objectKey == null ? null
                : new CapturedOutput.StoredObject(objectKey, originalBytes / 10, originalBytes, "ab", true, false), false, null);
        return new TaskResult(run, task, UUID.randomUUID(), attempt, "worker-1", TaskStatus.SUCCEEDED, 0, null, finishedAt.minusSeconds(1),
                finishedAt, stdout, captured(StreamName.STDERR, "", false, null), ResourceUsage.NONE, null, List.of(), null);
    }

    private static CapturedOutput captured(StreamName stream, String text, boolean truncated, String key) {
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return new CapturedOutput(stream, text, bytes, text.chars().filter(c -> c == '\n').count(), bytes, truncated,
                TruncationStrategy.TAIL, false, null, false, null);
    }
}
