package dev.spool.state.repository;

import dev.spool.state.model.PrunedOutputs;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PrunedOutputsRepository implements PanacheRepositoryBase<PrunedOutputs, UUID> {

    /** The tombstone of a pruned output, or null. */
    public Uni<PrunedOutputs> covering(UUID runId, String taskId, String stream, int attempt) {
        return find("runId = ?1 and taskId = ?2 and stream = ?3 and firstAttempt <= ?4 and lastAttempt >= ?4", runId, taskId, stream, attempt)
                .firstResult();
    }

    /** The tombstone with the latest attempt of an output of a task, or null. */
    public Uni<PrunedOutputs> latest(UUID runId, String taskId, String stream) {
        return find("runId = ?1 and taskId = ?2 and stream = ?3 order by lastAttempt desc", runId, taskId, stream).firstResult();
    }

    public Uni<List<PrunedOutputs>> ofTasks(UUID runId, Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("runId = ?1 and taskId in ?2", runId, taskIds);
    }

    /** The tombstone a pruning of {@code attempt} by {@code strategy} extends: the one ending just before it. */
    public Uni<PrunedOutputs> endingAt(UUID runId, String taskId, String stream, String strategy, int lastAttempt) {
        return find("runId = ?1 and taskId = ?2 and stream = ?3 and strategy = ?4 and lastAttempt = ?5", runId, taskId, stream, strategy,
                lastAttempt).firstResult();
    }

    public Uni<Long> deleteRun(UUID runId) {
        return delete("runId", runId);
    }
}
