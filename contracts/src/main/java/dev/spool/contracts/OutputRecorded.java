package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * Published by the state-service once an attempt's TaskOutput rows are committed. It carries the attempt's
 * outcome, output sizes and its {@code result} object (at most 64 KiB, for {@code when} conditions), but not the text,
 * which stays in the state-service.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutputRecorded(
        UUID runId,
        String taskId,
        UUID attemptId,
        int attempt,
        String workerId,
        TaskStatus status,
        Integer exitCode,
        String error,
        Instant startedAt,
        Instant finishedAt,
        OutputSummary stdout,
        OutputSummary stderr,
        ResourceUsage usage,
        String result,
        java.util.List<String> warnings) implements WireMessage {

    public OutputRecorded {
        warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
    }

    @Override
    public boolean complete() {
        return runId != null && taskId != null && attemptId != null && status != null;
    }

    /** Sizes of one captured stream and where its full copy lives. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OutputSummary(long originalBytes, long keptBytes, boolean truncated, String objectKey,
                                boolean externalStorageFailed, String storageError) {

        public static OutputSummary of(CapturedOutput output) {
            return new OutputSummary(output.originalBytes(), output.keptBytes(), output.truncated(),
                    output.storedObject() == null ? null : output.storedObject().key(),
                    output.externalStorageFailed(), output.storageError());
        }
    }

    /**
     * A result the state-service could not record: the attempt still ends, FAILED with the reason, so that its run goes
     * on; what it printed is in the dead letter.
     */
    public static OutputRecorded unrecordable(TaskResult result, String reason) {
        return new OutputRecorded(result.runId(), result.taskId(), result.attemptId(), result.attempt(), result.workerId(),
                TaskStatus.FAILED, result.exitCode(), reason, result.startedAt(), result.finishedAt(),
                result.stdout() == null ? null : OutputSummary.of(result.stdout()), result.stderr() == null ? null : OutputSummary.of(result.stderr()),
                result.usage(), null, result.warnings());
    }

    public static OutputRecorded of(TaskResult result) {
        return new OutputRecorded(result.runId(), result.taskId(), result.attemptId(), result.attempt(), result.workerId(),
                result.status(), result.exitCode(), result.error(), result.startedAt(), result.finishedAt(),
                OutputSummary.of(result.stdout()), OutputSummary.of(result.stderr()), result.usage(), result.result(), result.warnings());
    }
}
