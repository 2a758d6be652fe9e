package dev.spool.scheduler.mapping;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Attempt;

import java.time.Instant;
import java.util.UUID;

/** One attempt of a task, as {@code GET /api/v1/runs/{id}/tasks/{taskId}/attempts} lists them. */
public record AttemptView(UUID id, int number, int iteration, TaskStatus status, Integer exitCode, String error, String workerId,
                          Instant dispatchedAt, Instant startedAt, Instant finishedAt) {

    public static AttemptView of(Attempt attempt) {
        return new AttemptView(attempt.id, attempt.number, attempt.iteration, attempt.status, attempt.exitCode, attempt.error,
                attempt.workerId, attempt.dispatchedAt, attempt.startedAt, attempt.finishedAt);
    }
}
