package dev.spool.state.repository;

import dev.spool.state.model.RunContext;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RunContextRepository implements PanacheRepositoryBase<RunContext, UUID> {

    /** Counts outputs towards the run's "every N outputs" pruning trigger. */
    public Uni<Void> countRecorded(UUID runId, int outputs) {
        return update("outputsSincePrune = outputsSincePrune + ?1, outputsRecorded = outputsRecorded + ?1, housekeepingDue = true, "
                + "updatedAt = ?2 where runId = ?3", outputs, Instant.now(), runId)
                .chain(updated -> {
                    if (updated > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    RunContext fresh = new RunContext();
                    fresh.runId = runId;
                    fresh.outputsSincePrune = outputs;
                    fresh.outputsRecorded = outputs;
                    fresh.housekeepingDue = true;
                    fresh.updatedAt = Instant.now();
                    return persist(fresh).replaceWithVoid();
                });
    }

    /** Runs whose relevance and pruning were not looked at since results were recorded. */
    public Uni<java.util.List<UUID>> due(int max) {
        return find("select runId from RunContext where housekeepingDue = true order by updatedAt")
                .project(UUID.class).page(io.quarkus.panache.common.Page.ofSize(max)).list();
    }

    /** The run's row, made when it has none. */
    public Uni<RunContext> of(UUID runId) {
        return findById(runId).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            RunContext fresh = new RunContext();
            fresh.runId = runId;
            fresh.updatedAt = Instant.now();
            return persist(fresh);
        });
    }
}
