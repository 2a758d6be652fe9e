package dev.spool.scheduler.mapping;

import dev.spool.contracts.OutputRecorded.OutputSummary;
import dev.spool.contracts.ResourceUsage;
import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.model.AttemptProgress;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.model.TaskDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run and every one of its tasks, as {@code GET /api/v1/runs/{id}} shows them.
 *
 * @param warnings what the run is warned of as a whole, each with the setting to change; a task's own are on the task
 */
public record RunView(UUID id, String name, RunStatus status, Instant createdAt, Instant finishedAt, Instant pausedAt,
                      Instant cancelRequestedAt, List<String> warnings, List<TaskView> tasks) {

    public RunView withWarnings(List<String> runWarnings) {
        return new RunView(id, name, status, createdAt, finishedAt, pausedAt, cancelRequestedAt, List.copyOf(runWarnings), tasks);
    }

    /**
     * @param statusReason why a task was skipped, what stopped or failed it, or why it is waiting to run again
     * @param attempt      the number of the current attempt; {@code tries} counts those charged to its retry policy
     * @param iteration    a looping task's current iteration
     * @param notBefore    a retry waits out its backoff until then
     * @param warnings     how the task was let through dependencies that did not succeed
     * @param outputs      sizes of the current attempt's streams and where their full copies are stored
     * @param usage        what the current attempt's processes used, once it has ended
     * @param progress     what the current attempt had printed and used at its latest heartbeat
     * @param result       the JSON object the latest attempt left in {@code SPOOL_RESULT_FILE}
     */
    public record TaskView(String id, TaskStatus status, String statusReason, int attempt, int tries, Integer iteration, int priority,
                           Integer exitCode, List<String> dependsOn, String workerId, Instant queuedAt, Instant startedAt,
                           Instant finishedAt, Instant notBefore, List<String> warnings, Map<String, OutputSummary> outputs,
                           ResourceUsage usage, AttemptProgress progress, Instant lastHeartbeatAt,
                           com.fasterxml.jackson.databind.JsonNode result) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static com.fasterxml.jackson.databind.JsonNode result(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** How the task was let through its dependencies, then what its current attempt was warned of. */
    private static List<String> warnings(Task task, Attempt attempt) {
        List<String> warnings = new java.util.ArrayList<>(task.notes == null ? List.of() : task.notes.warnings());
        if (attempt != null && attempt.outputs != null) {
            warnings.addAll(attempt.outputs.warnings());
        }
        return warnings;
    }

    public static RunView of(Run run, List<Task> tasks, Map<UUID, Attempt> currentAttempts, Map<UUID, TaskDefinition> definitions) {
        return new RunView(run.id, run.name, run.status, run.createdAt, run.finishedAt, run.pausedAt, run.cancelRequestedAt, List.of(),
                tasks.stream().map(task -> taskView(task, currentAttempts.get(task.currentAttemptId), definitions.get(task.id))).toList());
    }

    private static TaskView taskView(Task task, Attempt attempt, TaskDefinition definition) {
        Map<String, OutputSummary> outputs = null;
        if (attempt != null && attempt.outputs != null) {
            // An attempt whose output could not be recorded has no summaries.
            outputs = new java.util.LinkedHashMap<>();
            if (attempt.outputs.stdout() != null) {
                outputs.put("stdout", attempt.outputs.stdout());
            }
            if (attempt.outputs.stderr() != null) {
                outputs.put("stderr", attempt.outputs.stderr());
            }
        }
        return new TaskView(task.taskId, task.status, task.statusReason, task.attempt, task.tries,
                definition != null && definition.loop() != null ? task.iteration : null, task.priority, task.exitCode,
                definition == null ? List.of() : definition.dependsOn(),
                attempt == null ? null : attempt.workerId, task.queuedAt, task.startedAt, task.finishedAt, task.notBefore,
                warnings(task, attempt), outputs,
                attempt == null || attempt.outputs == null ? null : attempt.outputs.usage(),
                attempt == null ? null : attempt.progress, attempt == null ? null : attempt.lastHeartbeatAt, result(task.result));
    }
}
