package dev.spool.scheduler.dispatch;

import dev.spool.scheduler.service.ReadyTask;
import dev.spool.contracts.TaskDispatch;
import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.messaging.DispatchPublisher;
import dev.spool.scheduler.messaging.TaskControlPublisher;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.service.AttemptEnd;
import dev.spool.support.health.Readiness;
import dev.spool.scheduler.service.EngineChanges;
import dev.spool.support.Failures;
import dev.spool.scheduler.service.RunProgression;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The leader's dispatch loop, on one thread of its own. Ready tasks wait here, not in Kafka: only what the live
 * workers can take (their announced slots, times {@code in-flight-per-slot}) is in flight at once. The same loop
 * watches the leases of attempts in flight and, after a takeover or crash, rebuilds everything from PostgreSQL and
 * publishes what was committed but never acknowledged.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final int BATCH = 256;
    private static final Duration AWAIT = Duration.ofSeconds(30);
    /** Longer than a transaction that readies tasks may take between setting their time and committing. */
    private static final Duration READY_MARGIN = Duration.ofSeconds(5);

    private final RunProgression progression;
    private final AttemptClaims claims;
    private final DispatchState state;
    private final DispatchPublisher publisher;
    private final TaskControlPublisher control;
    private final LeaderElection leadership;
    private final Readiness readiness;
    private final SchedulerConfig config;
    private final InstantSource clock;
    private final MeterRegistry metrics;
    private final DispatchQueue queue;
    private final LeaseWatcher leases;
    private final ConcurrentLinkedQueue<Consumer<DispatchQueue>> inbox = new ConcurrentLinkedQueue<>();

    private volatile boolean running;
    private volatile Thread thread;
    private volatile int globalLimit;
    private volatile int waiting;
    private volatile int inFlight;
    private final Timer claimTime;
    private final Timer publishTime;
    private final Timer queueWait;
    private long epoch = -1;
    private Instant leaderSince = Instant.EPOCH;
    private Instant nextReconcile = Instant.EPOCH;
    private Instant nextFullReconcile = Instant.EPOCH;
    private Instant lastReconcile = Instant.EPOCH;
    private boolean warnedNoWorkers;

    public Dispatcher(RunProgression progression, AttemptClaims claims, DispatchState state, DispatchPublisher publisher, TaskControlPublisher control,
                      LeaderElection leadership, Readiness readiness, SchedulerConfig config, InstantSource clock, MeterRegistry metrics) {
        this.progression = progression;
        this.claims = claims;
        this.state = state;
        this.publisher = publisher;
        this.control = control;
        this.leadership = leadership;
        this.readiness = readiness;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.queue = new DispatchQueue(clock);
        this.leases = new LeaseWatcher(config.lease());
        queue.setDefaultRunLimit(config.dispatch().maxInFlightPerRun());
        metrics.gauge("spool.scheduler.tasks.waiting", this, dispatcher -> dispatcher.waiting);
        metrics.gauge("spool.scheduler.attempts.in.flight", this, dispatcher -> dispatcher.inFlight);
        metrics.gauge("spool.scheduler.dispatch.limit", this, dispatcher -> dispatcher.globalLimit);
        this.claimTime = Timer.builder("spool.scheduler.dispatch.claim")
                .description("The transaction that turns a batch of ready tasks into attempts")
                .publishPercentiles(0.5, 0.9, 0.99).register(metrics);
        this.publishTime = Timer.builder("spool.scheduler.dispatch.publish")
                .description("Publishing a batch of attempts until Kafka acknowledges it")
                .publishPercentiles(0.5, 0.9, 0.99).register(metrics);
        this.queueWait = Timer.builder("spool.scheduler.queue.wait")
                .description("From a task being ready (and past its not_before) to its attempt being claimed: the wait for capacity and limits")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(24))
                .register(metrics);
    }


    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().name("spool-dispatcher").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    /** Committed changes of the engine, from any thread; applied by the loop in order. */
    public void accept(EngineChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        inbox.add(queue -> queue.apply(changes));
        wake();
    }

    public void paused(UUID runId, boolean paused) {
        inbox.add(q -> q.setPaused(runId, paused));
        wake();
    }

    private void wake() {
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!leadership.isLeader()) {
                    if (epoch != -1) {
                        LOG.info("no longer the leader: dispatching stops");
                        queue.clear();
                        epoch = -1;
                    }
                    inbox.clear();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                    continue;
                }
                if (leadership.epoch() != epoch) {
                    takeOver();
                }
                drainInbox();
                if (!clock.instant().isBefore(nextReconcile)) {
                    reconcile(false);
                }
                List<ReadyTask> taken = queue.take(globalLimit, BATCH);
                if (!taken.isEmpty()) {
                    dispatch(taken);
                    continue;
                }
                publishGauges();
                park();
            } catch (RuntimeException e) {
                LOG.errorf(e, "dispatch loop failed; rebuilding from the database in a moment");
                nextReconcile = Instant.EPOCH;
                nextFullReconcile = Instant.EPOCH;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            }
        }
    }

    private void takeOver() {
        long started = System.nanoTime();
        queue.clear();
        inbox.clear();
        epoch = leadership.epoch();
        leaderSince = clock.instant();
        reconcile(true);
        LOG.infof("took over dispatching in %d ms: %d tasks waiting, %d attempts in flight, limit %d",
                (System.nanoTime() - started) / 1_000_000, queue.waiting(), queue.inFlight(), globalLimit);
    }

    private void drainInbox() {
        Consumer<DispatchQueue> change;
        while ((change = inbox.poll()) != null) {
            change.accept(queue);
        }
    }

    /** Re-reads the database: ready tasks another replica made, attempts in flight, paused runs, workers; and leases. */
    private void reconcile(boolean takingOver) {
        Instant now = clock.instant();
        boolean justTookOver = now.isBefore(leaderSince.plus(config.lease().takeoverGrace()));
        // Reading every ready task each second would cost as much as the queue is long. Ready tasks this replica made
        // reach it through the inbox; another replica's are read by when they became ready, with a margin for a
        // transaction that committed after a reconcile began. A full read now and then catches whatever that missed.
        boolean full = takingOver || !now.isBefore(nextFullReconcile);
        Instant readySince = full ? null : lastReconcile.minus(READY_MARGIN);
        DispatchState.Snapshot snapshot = await(() -> state.read(now, config.dispatch().workerTimeout(), justTookOver, readySince));
        lastReconcile = now;
        if (full) {
            nextFullReconcile = now.plus(config.dispatch().fullReconcileInterval());
        }
        drainInbox();
        Map<UUID, DispatchQueue.InFlight> inFlightNow = new HashMap<>();
        snapshot.inFlight().forEach(attempt -> inFlightNow.put(attempt.id, new DispatchQueue.InFlight(attempt.runId, attempt.concurrencyKey)));
        queue.replaceInFlight(inFlightNow);
        snapshot.ready().forEach(task -> {
            if (!queue.contains(task.taskRowId())) {
                queue.offer(task);
            }
        });
        Set<UUID> paused = new HashSet<>();
        for (Run run : snapshot.activeRuns()) {
            if (run.status == RunStatus.PAUSED) {
                paused.add(run.id);
            }
            queue.setRunLimit(run.id, run.maxParallel);
        }
        queue.replacePaused(paused);
        globalLimit = config.dispatch().maxInFlight().orElse(snapshot.capacity() * config.dispatch().inFlightPerSlot());
        if (globalLimit == 0 && queue.waiting() > 0 && !warnedNoWorkers) {
            LOG.warnf("%d tasks are ready but no worker has announced itself in the last %s; they wait", queue.waiting(),
                    config.dispatch().workerTimeout());
            warnedNoWorkers = true;
        } else if (globalLimit > 0) {
            warnedNoWorkers = false;
        }
        expireLeases(snapshot.inFlight(), now);
        republish(takingOver ? now : now.minus(config.dispatch().republishAfter()));
        nextReconcile = clock.instant().plus(config.dispatch().reconcileInterval());
    }

    private void expireLeases(List<Attempt> inFlight, Instant now) {
        List<AttemptEnd> expired = leases.expired(inFlight, now, leaderSince);
        if (expired.isEmpty()) {
            return;
        }
        for (AttemptEnd end : expired) {
            try {
                queue.apply(await(() -> progression.onEnds(List.of(end))));
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not end attempt %s of task %s in run %s (%s); trying again at the next check",
                        end.attemptId(), end.taskId(), end.runId(), end.error());
                continue;
            }
            LOG.warnf("attempt %s of task %s in run %s: %s", end.attemptId(), end.taskId(), end.runId(), end.error());
            metrics.counter("spool.scheduler.leases.expired", "status", end.status().name()).increment();
            // A worker that still has it, slow or cut off, stops it: its result would be ignored anyway.
            control.stopAttempt(end.runId(), end.taskId(), end.attemptId(), end.error()).subscribe().with(ok -> { }, e -> { });
        }
    }

    private void republish(Instant dispatchedBefore) {
        List<TaskDispatch> pending = await(() -> claims.unpublished(dispatchedBefore, 5_000));
        if (!pending.isEmpty()) {
            LOG.infof("publishing %d attempts that were committed but not acknowledged by Kafka", pending.size());
            // Sent again after a crash: the submission's trace is not kept in memory, so these start traces of their own.
            publish(pending, Map.of());
            metrics.counter("spool.scheduler.attempts.republished").increment(pending.size());
        }
    }

    private void dispatch(List<ReadyTask> taken) {
        AttemptClaims.Claim claim;
        long started = System.nanoTime();
        try {
            claim = await(() -> claims.claim(taken));
            claimTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            if (!serversAnswer()) {
                taken.forEach(task -> {
                    queue.release(task);
                    queue.offer(task);
                });
                throw e;
            }
            if (taken.size() == 1) {
                queue.release(taken.getFirst());
                quarantine(taken.getFirst(), e);
                return;
            }
            // The database answers, so something in the batch is bad: claim each task alone, and set aside only the bad one.
            LOG.warnf("claiming %d tasks failed (%s); claiming them one by one", taken.size(), Failures.describe(e));
            for (ReadyTask task : taken) {
                try {
                    accepted(await(() -> claims.claim(List.of(task))));
                } catch (RuntimeException alone) {
                    queue.release(task);
                    quarantine(task, alone);
                }
            }
            return;
        }
        accepted(claim);
    }

    /** Ends a task whose claim fails on its own while the database answers; the rest of its run and of Spool goes on. */
    private void quarantine(ReadyTask task, RuntimeException failure) {
        String reason = "Spool could not dispatch this task and set it aside (" + Failures.describe(failure)
                + "); the rest of the run goes on. Fix the workflow and submit it again";
        LOG.errorf(failure, "task %s of run %s cannot be claimed; it is quarantined", task.taskId(), task.runId());
        try {
            queue.apply(await(() -> progression.quarantine(task.runId(), task.taskId(), reason)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not quarantine task %s of run %s; it is tried again at the next reconcile", task.taskId(), task.runId());
            // It became ready long ago: only a full reconcile reads it again.
            nextReconcile = Instant.EPOCH;
            nextFullReconcile = Instant.EPOCH;
        }
    }

    /** Whether the database and Kafka answer now (readiness): if not, a failed claim is no sign of a bad task. */
    private boolean serversAnswer() {
        try {
            return await(readiness::ready);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void accepted(AttemptClaims.Claim claim) {
        claim.gone().forEach(queue::release);
        claim.held().forEach(task -> {
            queue.release(task);
            queue.offer(task);
            queue.setPaused(task.runId(), true);
        });
        List<TaskDispatch> dispatches = new ArrayList<>(claim.claimed().size());
        Map<UUID, String> traceParents = new HashMap<>();
        for (AttemptClaims.Claimed claimed : claim.claimed()) {
            if (claimed.traceParent() != null) {
                traceParents.put(claimed.dispatch().attemptId(), claimed.traceParent());
            }
            waited(claimed.task(), claimed.dispatch().dispatchedAt());
            queue.confirm(claimed.task(), claimed.dispatch().attemptId());
            dispatches.add(claimed.dispatch());
        }
        publish(dispatches, traceParents);
    }

    private void waited(ReadyTask task, Instant claimedAt) {
        Instant ready = task.readyAt();
        if (task.notBefore() != null && (ready == null || task.notBefore().isAfter(ready))) {
            ready = task.notBefore();
        }
        if (ready != null && claimedAt != null && !claimedAt.isBefore(ready)) {
            queueWait.record(Duration.between(ready, claimedAt));
        }
    }

    /** Publishes and records the acknowledgement; a failure leaves the attempts to the next republish. */
    private void publish(List<TaskDispatch> dispatches, Map<UUID, String> traceParents) {
        if (dispatches.isEmpty()) {
            return;
        }
        try {
            long started = System.nanoTime();
            publisher.publish(dispatches, traceParents).await().atMost(AWAIT);
            publishTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            Instant at = clock.instant();
            await(() -> claims.markPublished(dispatches.stream().map(TaskDispatch::attemptId).toList(), at));
        } catch (RuntimeException e) {
            LOG.warnf(e, "%d attempts are committed but could not be published; they are sent again within %s", dispatches.size(),
                    config.dispatch().republishAfter());
        }
    }

    private void park() {
        Instant wake = nextReconcile;
        Instant next = queue.nextWake();
        if (next != null && next.isBefore(wake)) {
            wake = next;
        }
        long nanos = Duration.between(clock.instant(), wake).toNanos();
        if (nanos > 0 && inbox.isEmpty()) {
            LockSupport.parkNanos(nanos);
        }
    }

    private void publishGauges() {
        waiting = queue.waiting();
        inFlight = queue.inFlight();
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work::get);
        } catch (Throwable e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }
}
