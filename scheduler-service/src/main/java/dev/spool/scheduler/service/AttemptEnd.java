package dev.spool.scheduler.service;

import dev.spool.support.Texts;
import dev.spool.contracts.OutputRecorded;
import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.AttemptOutputs;

import java.time.Instant;
import java.util.UUID;

/** An attempt ended: reported by its worker (through the state-service), or declared by the scheduler's leases. */
public record AttemptEnd(UUID runId, String taskId, UUID attemptId, TaskStatus status, Integer exitCode, String error,
                         String workerId, Instant startedAt, Instant finishedAt, AttemptOutputs outputs, boolean neverStarted) {

    /** What a worker reports is stored as it says, except for what PostgreSQL cannot hold. */
    public AttemptEnd {
        error = Texts.storable(error, 4_000);
        workerId = Texts.storable(workerId, 200);
    }

    public static AttemptEnd of(OutputRecorded recorded) {
        return new AttemptEnd(recorded.runId(), recorded.taskId(), recorded.attemptId(), recorded.status(), recorded.exitCode(),
                recorded.error(), recorded.workerId(), recorded.startedAt(), recorded.finishedAt(),
                new AttemptOutputs(recorded.stdout(), recorded.stderr(), recorded.usage(), recorded.result(),
                        recorded.warnings().stream().map(warning -> Texts.storable(warning, 1_000)).limit(20).toList()), false);
    }

    /**
     * The scheduler ends an attempt that its worker no longer reports on.
     *
     * @param neverStarted no worker started it in time: it is simply sent again, not counted as a try or a loss
     */
    public static AttemptEnd expired(UUID runId, String taskId, UUID attemptId, TaskStatus status, String reason, Instant at,
                                     boolean neverStarted) {
        return new AttemptEnd(runId, taskId, attemptId, status, null, reason, null, null, at, null, neverStarted);
    }
}
