package dev.spool.state.repository;

import dev.spool.state.model.ContextDelivery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class ContextDeliveryRepository implements PanacheRepositoryBase<ContextDelivery, ContextDelivery.Key> {

    /** Keeps the document of the task's latest attempt, replacing an earlier one. */
    public Uni<Void> keep(UUID runId, String taskId, int attempt, String document, Instant at) {
        ContextDelivery.Key key = new ContextDelivery.Key(runId, taskId);
        return findById(key).chain(found -> {
            ContextDelivery row = found != null ? found : new ContextDelivery();
            if (found != null && found.attempt > attempt) {
                return Uni.createFrom().voidItem();
            }
            row.key = key;
            row.attempt = attempt;
            row.document = document;
            row.deliveredAt = at;
            return found != null ? Uni.createFrom().voidItem() : persist(row).replaceWithVoid();
        });
    }

    public Uni<Long> deleteRun(UUID runId) {
        return delete("key.runId", runId);
    }
}
