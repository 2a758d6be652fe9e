package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * The end of one attempt, published by the worker. {@code error} explains a failure that has no exit code
 * of the task's own, such as a command that does not exist.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskResult(
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
        CapturedOutput stdout,
        CapturedOutput stderr,
        ResourceUsage usage) implements WireMessage {

    @Override
    public boolean complete() {
        return runId != null && taskId != null && attemptId != null && status != null && stdout != null && stderr != null;
    }

    public TaskResult {
        usage = usage == null ? ResourceUsage.NONE : usage;
    }
}
