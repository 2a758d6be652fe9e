package dev.spool.scheduler.dispatch;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.service.AttemptEnd;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseWatcherTest {

    private static final Instant TOOK_OVER = Instant.parse("2026-01-01T00:00:00Z");
    /** Long after the takeover: its grace is over. */
    private static final Instant LATER = TOOK_OVER.plus(Duration.ofHours(1));

    private final LeaseWatcher watcher = new LeaseWatcher(new SchedulerConfig.Lease() {
        @Override
        public Duration heartbeatTimeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration timeoutGrace() {
            return Duration.ofSeconds(60);
        }

        @Override
        public Duration takeoverGrace() {
            return Duration.ofSeconds(15);
        }
    });

    private static Attempt running(String taskId, Instant lastHeartbeat) {
        Attempt attempt = new Attempt();
        attempt.id = UUID.randomUUID();
        attempt.runId = UUID.randomUUID();
        attempt.taskId = taskId;
        attempt.workerId = "worker-1";
        attempt.status = TaskStatus.RUNNING;
        attempt.startedAt = lastHeartbeat;
        attempt.lastHeartbeatAt = lastHeartbeat;
        return attempt;
    }

    private List<String> expired(Instant now, Attempt... attempts) {
        return watcher.expired(List.of(attempts), now, TOOK_OVER).stream().map(AttemptEnd::taskId).toList();
    }

    @Test
    void aRunningAttemptSilentPastItsLeaseIsLostAndOneHeardFromWithinItIsLeftAlone() {
        Attempt silent = running("silent", LATER.minusSeconds(31));
        Attempt heard = running("heard", LATER.minusSeconds(29));
        List<AttemptEnd> ends = watcher.expired(List.of(silent, heard), LATER, TOOK_OVER);
        assertThat(ends).extracting(AttemptEnd::taskId).containsExactly("silent");
        assertThat(ends.getFirst().status()).isEqualTo(TaskStatus.LOST);
        assertThat(ends.getFirst().error()).contains("no heartbeat from worker worker-1");
        assertThat(ends.getFirst().neverStarted()).isFalse();
    }

    @Test
    void noHeartbeatLeaseEndsWithinTheTakeoverGrace() {
        // Its heartbeats may be on their way to this replica's consumers, still owned by the old leader's.
        Attempt silent = running("silent", TOOK_OVER.minusSeconds(60));
        assertThat(expired(TOOK_OVER.plusSeconds(14), silent)).isEmpty();
        assertThat(expired(TOOK_OVER.plusSeconds(16), silent)).containsExactly("silent");
    }

    @Test
    void anAttemptNoWorkerStartedInTimeIsSentAgainWithoutCountingAsATry() {
        Attempt queued = running("queued", null);
        queued.status = TaskStatus.QUEUED;
        queued.startBy = LATER.minusSeconds(1);
        List<AttemptEnd> ends = watcher.expired(List.of(queued), LATER, TOOK_OVER);
        assertThat(ends).singleElement().satisfies(end -> {
            assertThat(end.neverStarted()).isTrue();
            assertThat(end.error()).contains("schedule_to_start_timeout");
        });
        queued.startBy = LATER.plusSeconds(1);
        assertThat(expired(LATER, queued)).isEmpty();
    }

    @Test
    void anAttemptPastItsTimeoutAndTheGraceIsTimedOutByTheScheduler() {
        Attempt slow = running("slow", LATER.minusSeconds(1));
        slow.startedAt = LATER.minusSeconds(100);
        slow.timeoutMillis = 30_000L;
        List<AttemptEnd> ends = watcher.expired(List.of(slow), LATER, TOOK_OVER);
        assertThat(ends).singleElement().satisfies(end -> assertThat(end.status()).isEqualTo(TaskStatus.TIMED_OUT));
        // Within the grace, the worker's own stop comes first.
        slow.startedAt = LATER.minusSeconds(80);
        assertThat(expired(LATER, slow)).isEmpty();
    }

    @Test
    void anAttemptEndedOnItsWorkerWaitsForItsResultUpToThePatienceAndNoLonger() {
        Attempt ended = running("ended", LATER.minus(Duration.ofHours(2)));
        ended.workerFinishedAt = LATER.minus(LeaseWatcher.RESULT_PATIENCE).plusSeconds(1);
        assertThat(expired(LATER, ended)).isEmpty();
        ended.workerFinishedAt = LATER.minus(LeaseWatcher.RESULT_PATIENCE).minusSeconds(1);
        assertThat(watcher.expired(List.of(ended), LATER, TOOK_OVER)).singleElement()
                .satisfies(end -> assertThat(end.error()).contains("its result was not recorded within"));
    }
}
