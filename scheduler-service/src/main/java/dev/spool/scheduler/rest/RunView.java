package dev.spool.scheduler.rest;

import dev.spool.contracts.OutputRecorded.OutputSummary;
import dev.spool.contracts.ResourceUsage;
import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.model.AttemptProgress;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.model.Task;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A run and every one of its tasks, as {@code GET /api/v1/runs/{id}} shows them. */
public record RunView(UUID id, String name, RunStatus status, Instant createdAt, Instant finishedAt, List<TaskView> tasks) {

    /**
     * @param statusReason why a task was skipped, or what stopped or failed it
     * @param outputs      sizes of the current attempt's streams and where their full copies are stored
     * @param usage        what the current attempt's processes used, once it has ended
     * @param progress     what the current attempt had printed and used at its latest heartbeat
     */
    public record TaskView(String id, TaskStatus status, String statusReason, int attempt, Integer exitCode,
                           List<String> dependsOn, String workerId, Instant queuedAt, Instant startedAt, Instant finishedAt,
                           Map<String, OutputSummary> outputs, ResourceUsage usage, AttemptProgress progress,
                           Instant lastHeartbeatAt) {
    }

    public static RunView of(Run run, List<Task> tasks, Map<UUID, Attempt> currentAttempts) {
        return new RunView(run.id, run.name, run.status, run.createdAt, run.finishedAt,
                tasks.stream().map(task -> taskView(task, currentAttempts.get(task.currentAttemptId))).toList());
    }

    private static TaskView taskView(Task task, Attempt attempt) {
        Map<String, OutputSummary> outputs = attempt == null || attempt.outputs == null ? null
                : Map.of("stdout", attempt.outputs.stdout(), "stderr", attempt.outputs.stderr());
        return new TaskView(task.taskId, task.status, task.statusReason, task.attempt, task.exitCode, task.definition.dependsOn(),
                attempt == null ? null : attempt.workerId, task.queuedAt, task.startedAt, task.finishedAt, outputs,
                attempt == null || attempt.outputs == null ? null : attempt.outputs.usage(),
                attempt == null ? null : attempt.progress, attempt == null ? null : attempt.lastHeartbeatAt);
    }
}
