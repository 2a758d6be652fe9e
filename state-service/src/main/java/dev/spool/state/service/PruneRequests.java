package dev.spool.state.service;

import dev.spool.contracts.context.CleanupPolicy;
import dev.spool.contracts.context.PruneReport;
import dev.spool.state.client.SchedulerClient;
import dev.spool.state.repository.TaskOutputRepository;
import dev.spool.support.Failures;
import dev.spool.support.OwnContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * {@code POST /api/v1/runs/{id}/prune}, the seed's {@code checkpoint_and_prune}: a pass now, by the run's
 * {@code cleanup_strategy} unless the request names another. It asks the scheduler first what the tasks still to run
 * need, and prunes nothing without that answer.
 */
@ApplicationScoped
public class PruneRequests {

    private static final Logger LOG = Logger.getLogger(PruneRequests.class);

    private final SchedulerClient scheduler;
    private final TaskOutputRepository outputs;
    private final Pruner pruner;
    private final ObjectDeletionSweeper deletions;

    private final io.vertx.core.Vertx vertx;

    public PruneRequests(@RestClient SchedulerClient scheduler, TaskOutputRepository outputs, Pruner pruner, ObjectDeletionSweeper deletions,
                         io.vertx.core.Vertx vertx) {
        this.vertx = vertx;
        this.scheduler = scheduler;
        this.outputs = outputs;
        this.pruner = pruner;
        this.deletions = deletions;
    }

    public Uni<PruneReport> prune(UUID runId, CleanupPolicy.Type strategy, Integer keepCount, boolean dryRun) {
        return scheduler.needs(runId)
                .onFailure().transform(e -> {
                    if (e instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
                        return new NotFoundException("no run " + runId);
                    }
                    return new ServiceUnavailableException("the scheduler could not say which outputs the tasks still to run need ("
                            + Failures.describe(e) + "), so nothing was pruned; try again shortly");
                })
                .chain(needs -> {
                    CleanupPolicy policy = needs.cleanup();
                    CleanupPolicy.Type type = strategy != null ? strategy : policy != null ? policy.type() : CleanupPolicy.Type.MOST_RECENT;
                    int keep = keepCount != null ? keepCount : policy != null ? policy.keepCount() : CleanupPolicy.DEFAULT_KEEP_COUNT;
                    // On a context of its own: the scheduler's answer may arrive on the HTTP client's.
                    return OwnContext.run(vertx, () -> Panache.withTransaction(() -> outputs.headersOf(runId)
                            .chain(live -> pruner.prune(runId, live, needs, type, keep, dryRun))));
                })
                .call(report -> report.dryRun() || report.objectsToDelete() == 0 ? Uni.createFrom().voidItem()
                        : deletions.drain().onFailure().invoke(e -> LOG.infof("pruned objects of run %s stay queued: %s", runId,
                        Failures.describe(e))).onFailure().recoverWithNull());
    }
}
