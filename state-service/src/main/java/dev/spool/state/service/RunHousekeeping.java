package dev.spool.state.service;

import dev.spool.contracts.context.CleanupPolicy;
import dev.spool.contracts.context.PruneReport;
import dev.spool.contracts.context.RunNeeds;
import dev.spool.state.client.SchedulerClient;
import dev.spool.state.config.StateConfig;
import dev.spool.state.model.RunContext;
import dev.spool.state.repository.OutputHeader;
import dev.spool.state.repository.RunContextRepository;
import dev.spool.state.repository.TaskOutputRepository;
import dev.spool.support.Failures;
import dev.spool.support.OwnContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each run's records in step with its tasks: after results are recorded it asks the scheduler what the tasks
 * still to run need, stores the new relevance scores, and prunes when a trigger of the run's {@code cleanup_strategy}
 * is due (every N outputs, or its kept bytes past {@code max_kept_bytes}). One pass per run at a time; results that
 * arrive meanwhile make one more. A pass that fails leaves the run due, and the sweep tries it again: nothing is lost.
 */
@ApplicationScoped
public class RunHousekeeping {

    private static final Logger LOG = Logger.getLogger(RunHousekeeping.class);
    private static final int SWEEP_RUNS = 100;

    private final SchedulerClient scheduler;
    private final TaskOutputRepository outputs;
    private final RunContextRepository runs;
    private final ObjectDeletionSweeper deletions;
    private final Pruner pruner;
    private final StateConfig config;
    private static final int CONCURRENT_PASSES = 2;
    private static final int RUNS_REMEMBERED = 10_000;

    private final Set<UUID> inPass = ConcurrentHashMap.newKeySet();
    private final java.util.Queue<UUID> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether a run prunes by a cleanup_strategy, as the scheduler said; runs used most lately are remembered. */
    private final Map<UUID, Boolean> prunes = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > RUNS_REMEMBERED;
        }
    });
    private final Set<UUID> again = ConcurrentHashMap.newKeySet();

    private final io.vertx.core.Vertx vertx;

    public RunHousekeeping(@RestClient SchedulerClient scheduler, TaskOutputRepository outputs, RunContextRepository runs, Pruner pruner,
                           ObjectDeletionSweeper deletions, StateConfig config, io.vertx.core.Vertx vertx) {
        this.vertx = vertx;
        this.deletions = deletions;
        this.scheduler = scheduler;
        this.outputs = outputs;
        this.runs = runs;
        this.pruner = pruner;
        this.config = config;
    }

    /**
     * Results of these runs were committed: a run that prunes by a {@code cleanup_strategy} is looked at soon, so that
     * it keeps no more than its bound; the others wait for the sweep, which rescores them every few seconds. At most
     * {@link #CONCURRENT_PASSES} passes run at once, each on a Vert.x context of its own (Hibernate Reactive keeps a
     * session per context, and the recording goes on in the consumer's), so a load of many runs cannot starve the
     * recording.
     */
    public void recorded(Collection<UUID> runIds) {
        for (UUID runId : Set.copyOf(runIds)) {
            if (!Boolean.FALSE.equals(prunes.get(runId)) && queued.add(runId)) {
                queue.add(runId);
            }
        }
        startPasses();
    }

    private void startPasses() {
        UUID runId;
        while (running.get() < CONCURRENT_PASSES && (runId = queue.poll()) != null) {
            UUID next = runId;
            queued.remove(next);
            running.incrementAndGet();
            OwnContext.on(vertx.getOrCreateContext()).runOnContext(ignored -> pass(next)
                    .eventually(() -> {
                        running.decrementAndGet();
                        startPasses();
                    })
                    .subscribe().with(done -> { }, failure -> { }));
        }
    }

    @Scheduled(every = "${spool.state.housekeeping.sweep-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return Panache.withSession(() -> runs.due(SWEEP_RUNS))
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(this::pass)
                .collect().asList().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("the housekeeping sweep failed (%s); it runs again in %s", Failures.describe(e),
                        config.housekeeping().sweepInterval()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass over a run; a failure is logged and leaves the run due. */
    Uni<Void> pass(UUID runId) {
        if (!inPass.add(runId)) {
            again.add(runId);
            return Uni.createFrom().voidItem();
        }
        return scheduler.needs(runId)
                .invoke(needs -> prunes.put(runId, needs.cleanup() != null && !needs.ended()))
                .chain(needs -> passWith(runId, needs))
                .onFailure(RunHousekeeping::unknownRun).recoverWithUni(() -> forget(runId))
                .onFailure().invoke(e -> LOG.warnf("cannot look after the outputs of run %s now (%s); the sweep tries again within %s",
                        runId, Failures.describe(e), config.housekeeping().sweepInterval()))
                .onFailure().recoverWithNull()
                .eventually(() -> {
                    inPass.remove(runId);
                    return again.remove(runId) ? pass(runId) : Uni.createFrom().voidItem();
                })
                .replaceWithVoid();
    }

    /** The scheduler does not know the run (deleted by its retention): nothing is left to look after. */
    private static boolean unknownRun(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof jakarta.ws.rs.WebApplicationException web) {
                return web.getResponse() != null && web.getResponse().getStatus() == 404;
            }
        }
        return false;
    }

    private Uni<Void> forget(UUID runId) {
        prunes.put(runId, false);
        return OwnContext.run(vertx, () -> Panache.withTransaction(() -> runs.update("housekeepingDue = false where runId = ?1", runId)))
                .replaceWithVoid();
    }

    /**
     * A pass with what the scheduler answered, on a context of its own: the answer may arrive on the client's. Once a
     * pass that queued deletions has committed, they are swept at once, so the bucket follows the rows closely.
     */
    Uni<Void> passWith(UUID runId, RunNeeds needs) {
        return OwnContext.run(vertx, () -> Panache.withTransaction(() -> housekeep(runId, needs)))
                .invoke(report -> {
                    if (report != null && report.objectsToDelete() > 0) {
                        deletions.sweepSoon();
                    }
                }).replaceWithVoid();
    }

    private Uni<PruneReport> housekeep(UUID runId, RunNeeds needs) {
        return outputs.headersOf(runId).chain(live -> rescore(live, needs)
                .chain(() -> runs.of(runId))
                .chain(run -> pruneIfDue(run, live, needs).invoke(report -> {
                    // A run stays due until a pass sees it ended: the sweep then logs its summary once, at its end.
                    run.housekeepingDue = !needs.ended();
                    summarize(run, live, needs, report);
                })));
    }

    private Uni<Void> rescore(List<OutputHeader> live, RunNeeds needs) {
        if (needs.ended()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Double, List<UUID>> change : RelevanceScores.changes(live, needs).entrySet()) {
            chain = chain.chain(() -> outputs.setRelevance(change.getValue(), change.getKey())).replaceWithVoid();
        }
        return chain;
    }

    private Uni<PruneReport> pruneIfDue(RunContext run, List<OutputHeader> live, RunNeeds needs) {
        CleanupPolicy policy = needs.cleanup();
        if (policy == null || needs.ended()) {
            return Uni.createFrom().nullItem();
        }
        long kept = live.stream().mapToLong(OutputHeader::keptBytes).sum();
        if (policy.maxKeptBytes() != null && kept >= policy.maxKeptBytes() * 0.8) {
            run.warn(String.format(Locale.ROOT, "the run's kept output is near its bound: %,d of max_kept_bytes %,d; "
                    + "pruning runs at the bound; lower max_stdout_bytes or keep_count to stay below it", kept, policy.maxKeptBytes()));
        }
        boolean due = run.outputsSincePrune >= policy.everyOutputs() || (policy.maxKeptBytes() != null && kept >= policy.maxKeptBytes());
        return due ? pruner.prune(run.runId, live, needs, policy.type(), policy.keepCount(), false) : Uni.createFrom().nullItem();
    }

    /** Logs the run's figures every N recorded outputs and once when it has ended. */
    private void summarize(RunContext run, List<OutputHeader> live, RunNeeds needs, PruneReport report) {
        long recorded = run.outputsRecorded;
        int every = Math.max(1, config.housekeeping().summaryEvery());
        boolean atEnd = needs.ended() && run.summarizedOutputs >= 0;
        boolean periodic = run.summarizedOutputs >= 0 && recorded / every > run.summarizedOutputs / every;
        if (!atEnd && !periodic) {
            return;
        }
        run.summarizedOutputs = atEnd ? -1 : recorded;
        long pruned = report == null ? 0 : report.pruned();
        long kept = live.stream().mapToLong(OutputHeader::keptBytes).sum() - (report == null ? 0 : report.prunedBytes());
        long truncated = live.stream().filter(OutputHeader::truncated).count();
        double relevance = live.stream().mapToDouble(o -> o.relevanceScore() == null ? 0 : o.relevanceScore()).average().orElse(0);
        LOG.infof("context of run %s%s: %,d outputs recorded, %,d kept (%,d bytes), %,d truncated, %,d pruned in %,d passes, "
                        + "average relevance %.2f", run.runId, atEnd ? " at its end" : "", recorded, live.size() - pruned, kept, truncated,
                run.prunedOutputs, run.prunePasses, relevance);
    }
}
