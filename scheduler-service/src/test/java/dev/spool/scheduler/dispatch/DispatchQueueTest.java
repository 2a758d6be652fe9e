package dev.spool.scheduler.dispatch;

import dev.spool.scheduler.service.ReadyTask;
import dev.spool.scheduler.service.EngineChanges;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchQueueTest {

    /** A clock the test moves by hand. */
    static final class ManualClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final DispatchQueue queue = new DispatchQueue(clock);
    private final UUID run = UUID.randomUUID();
    private int position;

    private ReadyTask task(String id, int priority) {
        return task(id, priority, null, 0, 0);
    }

    private ReadyTask task(String id, int priority, String key, int maxConcurrency, double rate) {
        clock.advance(Duration.ofMillis(1));
        return new ReadyTask(UUID.randomUUID(), run, id, priority, clock.instant(), position++, null, key, maxConcurrency, rate);
    }

    private static List<String> ids(List<ReadyTask> tasks) {
        return tasks.stream().map(ReadyTask::taskId).toList();
    }

    @Test
    void higherPriorityGoesFirstAndEqualPrioritiesGoInTheOrderTheyBecameReady() {
        queue.offer(task("low-1", 25));
        queue.offer(task("normal-1", 50));
        queue.offer(task("high-1", 75));
        queue.offer(task("normal-2", 50));
        queue.offer(task("high-2", 75));
        assertThat(ids(queue.take(100, 100))).containsExactly("high-1", "high-2", "normal-1", "normal-2", "low-1");
    }

    private ReadyTask taskOf(UUID runId, String id) {
        clock.advance(Duration.ofMillis(1));
        return new ReadyTask(UUID.randomUUID(), runId, id, 50, clock.instant(), position++, null, null, 0, 0);
    }

    @Test
    void runsOfEqualPriorityTakeTurnsWhateverOrderTheirTasksBecameReadyIn() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        for (int i = 0; i < 4; i++) {
            queue.offer(taskOf(first, "first-" + i));
        }
        for (int i = 0; i < 4; i++) {
            queue.offer(taskOf(second, "second-" + i));
        }
        assertThat(ids(queue.take(100, 4))).containsExactly("first-0", "second-0", "first-1", "second-1");
    }

    @Test
    void aRunWithFewerAttemptsInFlightGoesFirst() {
        UUID busy = UUID.randomUUID();
        UUID idle = UUID.randomUUID();
        queue.offer(taskOf(busy, "busy-0"));
        queue.offer(taskOf(busy, "busy-1"));
        queue.take(100, 2);
        queue.offer(taskOf(busy, "busy-2"));
        queue.offer(taskOf(idle, "idle-0"));
        queue.offer(taskOf(idle, "idle-1"));
        queue.offer(taskOf(idle, "idle-2"));
        assertThat(ids(queue.take(100, 3))).containsExactly("idle-0", "idle-1", "busy-2");
    }

    @Test
    void whenSlotsAreFewerThanRunsEveryRunIsServedInTurn() {
        List<UUID> runs = java.util.stream.IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();
        for (UUID runId : runs) {
            for (int i = 0; i < 20; i++) {
                queue.offer(taskOf(runId, runId + "/" + i));
            }
        }
        java.util.Set<UUID> served = new java.util.HashSet<>();
        List<ReadyTask> inFlight = new java.util.ArrayList<>(queue.take(3, 100));
        for (int round = 0; round < 10; round++) {
            inFlight.forEach(task -> served.add(task.runId()));
            // Each round, one attempt ends and one slot frees: ten runs, three slots.
            queue.release(inFlight.removeFirst());
            inFlight.addAll(queue.take(3, 100));
        }
        assertThat(served).containsExactlyInAnyOrderElementsOf(runs);
    }

    @Test
    void aNewRunsMaxParallelHoldsForItsFirstReadyTasks() {
        EngineChanges submitted = EngineChanges.none();
        submitted.runLimits().put(run, 1);
        for (int i = 0; i < 4; i++) {
            submitted.ready().add(task("root-" + i, 50));
        }
        queue.apply(submitted);
        assertThat(ids(queue.take(100, 100))).containsExactly("root-0");
        assertThat(queue.take(100, 100)).isEmpty();
    }

    @Test
    void nothingGoesBeyondTheGlobalLimitUntilAnAttemptEnds() {
        for (int i = 0; i < 5; i++) {
            queue.offer(task("t" + i, 50));
        }
        List<ReadyTask> first = queue.take(2, 100);
        assertThat(ids(first)).containsExactly("t0", "t1");
        UUID attempt = UUID.randomUUID();
        queue.confirm(first.getFirst(), attempt);
        queue.confirm(first.get(1), UUID.randomUUID());
        assertThat(queue.take(2, 100)).isEmpty();
        queue.ended(attempt);
        queue.ended(attempt);
        assertThat(ids(queue.take(2, 100))).containsExactly("t2");
        assertThat(queue.waiting()).isEqualTo(2);
    }

    @Test
    void aConcurrencyGroupNeverHasMoreThanItsLimitInFlightWhileOthersGoOn() {
        queue.offer(task("db-1", 50, "db", 2, 0));
        queue.offer(task("db-2", 50, "db", 2, 0));
        queue.offer(task("db-3", 50, "db", 2, 0));
        queue.offer(task("other", 50));
        List<ReadyTask> taken = queue.take(100, 100);
        assertThat(ids(taken)).containsExactly("db-1", "db-2", "other");
        UUID attempt = UUID.randomUUID();
        queue.confirm(taken.getFirst(), attempt);
        assertThat(queue.take(100, 100)).isEmpty();
        queue.ended(attempt);
        assertThat(ids(queue.take(100, 100))).containsExactly("db-3");
    }

    @Test
    void aRunLimitHoldsBackThatRunOnly() {
        queue.setRunLimit(run, 1);
        queue.offer(task("a", 50));
        queue.offer(task("b", 50));
        UUID otherRun = UUID.randomUUID();
        queue.offer(new ReadyTask(UUID.randomUUID(), otherRun, "x", 50, clock.instant(), 0, null, null, 0, 0));
        assertThat(ids(queue.take(100, 100))).containsExactly("a", "x");
    }

    @Test
    void aRateLimitLetsABurstOfOneSecondGoThenOneTaskPerInterval() {
        for (int i = 0; i < 6; i++) {
            queue.offer(task("r" + i, 50, "api", 0, 2));
        }
        assertThat(ids(queue.take(100, 100))).containsExactly("r0", "r1");
        assertThat(queue.take(100, 100)).isEmpty();
        assertThat(queue.nextWake()).isEqualTo(clock.instant().plusMillis(500));
        clock.advance(Duration.ofMillis(499));
        assertThat(queue.take(100, 100)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(ids(queue.take(100, 100))).containsExactly("r2");
        clock.advance(Duration.ofSeconds(10));
        assertThat(ids(queue.take(100, 100))).containsExactly("r3", "r4");
    }

    @Test
    void aRetryWaitsOutItsBackoffWithoutHoldingUpOthers() {
        ReadyTask retry = new ReadyTask(UUID.randomUUID(), run, "retry", 75, clock.instant(), 0, clock.instant().plusSeconds(3), null, 0, 0);
        queue.offer(retry);
        queue.offer(task("other", 50));
        assertThat(ids(queue.take(100, 100))).containsExactly("other");
        assertThat(queue.nextWake()).isEqualTo(retry.notBefore());
        clock.advance(Duration.ofSeconds(3));
        assertThat(ids(queue.take(100, 100))).containsExactly("retry");
    }

    @Test
    void aPausedRunKeepsItsTasksWaitingUntilItResumes() {
        queue.offer(task("a", 50));
        queue.setPaused(run, true);
        assertThat(queue.take(100, 100)).isEmpty();
        queue.setPaused(run, false);
        assertThat(ids(queue.take(100, 100))).containsExactly("a");
    }

    @Test
    void theDatabaseCountOfAttemptsInFlightReplacesTheLocalOne() {
        queue.dispatched(UUID.randomUUID(), new DispatchQueue.InFlight(run, null));
        queue.replaceInFlight(java.util.Map.of());
        queue.offer(task("a", 50));
        assertThat(ids(queue.take(1, 100))).containsExactly("a");
    }
}
