package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * The end of one attempt, published by the worker. {@code error} explains a failure that has no exit code
 * of the task's own, such as a command that does not exist.
 *
 * @param result   the JSON object the task wrote to {@code SPOOL_RESULT_FILE}, as text; null when it wrote none
 * @param warnings what the task should know but did not fail for, such as a result file that is not JSON
 * @param agent    the task's {@code agent} label, kept with its outputs for relevance
 * @param tenant   the tenant of the run, as the dispatch said, whose stored bytes these outputs count in
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
        ResourceUsage usage,
        String result,
        java.util.List<String> warnings,
        String agent,
        String tenant) implements WireMessage {

    public TaskResult(UUID runId, String taskId, UUID attemptId, int attempt, String workerId, TaskStatus status, Integer exitCode,
                      String error, Instant startedAt, Instant finishedAt, CapturedOutput stdout, CapturedOutput stderr, ResourceUsage usage,
                      String result, java.util.List<String> warnings, String agent) {
        this(runId, taskId, attemptId, attempt, workerId, status, exitCode, error, startedAt, finishedAt, stdout, stderr, usage, result,
                warnings, agent, null);
    }

    @Override
    public boolean complete() {
        return runId != null && taskId != null && attemptId != null && status != null && stdout != null && stderr != null;
    }

    public TaskResult {
        usage = usage == null ? ResourceUsage.NONE : usage;
        warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
    }

    public TaskResult withWarning(String warning) {
        java.util.List<String> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new TaskResult(runId, taskId, attemptId, attempt, workerId, status, exitCode, error, startedAt, finishedAt, stdout, stderr,
                usage, result, more, agent, tenant);
    }
}
