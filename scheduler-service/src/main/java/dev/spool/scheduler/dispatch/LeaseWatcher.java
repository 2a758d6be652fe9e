package dev.spool.scheduler.dispatch;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.service.AttemptEnd;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which attempts in flight the scheduler must end itself, because their worker no longer reports on them:
 * not started in time, silent past the heartbeat lease, past their timeout and its grace, or ended on the worker with a
 * result that never came. Pure: the dispatcher gives it the attempts and the time, and applies what it returns.
 */
public final class LeaseWatcher {

    /** How long a result that a worker published may take to be recorded before its attempt counts as lost. */
    static final Duration RESULT_PATIENCE = Duration.ofHours(1);

    private final SchedulerConfig.Lease lease;

    public LeaseWatcher(SchedulerConfig.Lease lease) {
        this.lease = lease;
    }

    /**
     * @param leaderSince when this replica took over: heartbeats sent to the old leader reach it only after the
     *                    takeover grace, so no heartbeat lease ends before then
     */
    public List<AttemptEnd> expired(List<Attempt> inFlight, Instant now, Instant leaderSince) {
        List<AttemptEnd> expired = new ArrayList<>();
        long heartbeatTimeout = lease.heartbeatTimeout().toMillis();
        Instant graceEnds = leaderSince.plus(lease.takeoverGrace());
        for (Attempt attempt : inFlight) {
            if (attempt.workerFinishedAt != null) {
                // Ended on its worker, its result in Kafka: recorded when the state-service can, so it is not lost
                // unless the result never comes at all.
                if (now.isAfter(attempt.workerFinishedAt.plus(RESULT_PATIENCE))) {
                    expired.add(AttemptEnd.expired(attempt.runId, attempt.taskId, attempt.id, TaskStatus.LOST,
                            "its worker " + attempt.workerId + " ended it at " + attempt.workerFinishedAt + ", but its result was not recorded within "
                                    + RESULT_PATIENCE, now, false));
                }
            } else if (attempt.status == TaskStatus.QUEUED && attempt.startBy != null && now.isAfter(attempt.startBy)) {
                expired.add(AttemptEnd.expired(attempt.runId, attempt.taskId, attempt.id, TaskStatus.LOST,
                        "not started within schedule_to_start_timeout (no worker started it by " + attempt.startBy + "); sent again", now, true));
            } else if (attempt.status == TaskStatus.RUNNING) {
                Instant lastSign = attempt.lastHeartbeatAt != null ? attempt.lastHeartbeatAt : attempt.startedAt;
                if (lastSign != null && now.isAfter(lastSign.plusMillis(heartbeatTimeout)) && now.isAfter(graceEnds)) {
                    expired.add(AttemptEnd.expired(attempt.runId, attempt.taskId, attempt.id, TaskStatus.LOST,
                            "no heartbeat from worker " + attempt.workerId + " since " + lastSign + " (lease " + lease.heartbeatTimeout() + ")", now, false));
                } else if (attempt.startedAt != null && attempt.timeoutMillis != null
                        && now.isAfter(attempt.startedAt.plusMillis(attempt.timeoutMillis).plus(lease.timeoutGrace()))) {
                    expired.add(AttemptEnd.expired(attempt.runId, attempt.taskId, attempt.id, TaskStatus.TIMED_OUT,
                            "the scheduler stopped it: its " + attempt.timeoutMillis + " ms timeout passed and its worker did not end it", now, false));
                }
            }
        }
        return expired;
    }
}
