package dev.spool.state.service;

import dev.spool.contracts.RunOutputsDeleted;
import dev.spool.state.client.StorageClient;
import dev.spool.state.repository.ContextDeliveryRepository;
import dev.spool.state.repository.ObjectDeletionRepository;
import dev.spool.state.repository.PrunedOutputsRepository;
import dev.spool.state.repository.RunContextRepository;
import dev.spool.state.repository.TaskOutputRepository;
import dev.spool.support.OwnContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/**
 * Deletes everything of a run: first its stored objects, then its records, tombstones and counters, so that a
 * failure leaves nothing stored that no record points to.
 */
@ApplicationScoped
public class RunDeletion {

    private final StorageClient storage;
    private final TaskOutputRepository outputs;
    private final PrunedOutputsRepository tombstones;
    private final ObjectDeletionRepository deletions;
    private final RunContextRepository runs;
    private final ContextDeliveryRepository deliveries;
    private final io.vertx.core.Vertx vertx;

    public RunDeletion(@RestClient StorageClient storage, TaskOutputRepository outputs, PrunedOutputsRepository tombstones,
                       ObjectDeletionRepository deletions, RunContextRepository runs, ContextDeliveryRepository deliveries,
                       io.vertx.core.Vertx vertx) {
        this.vertx = vertx;
        this.deliveries = deliveries;
        this.storage = storage;
        this.outputs = outputs;
        this.tombstones = tombstones;
        this.deletions = deletions;
        this.runs = runs;
    }

    public Uni<RunOutputsDeleted> delete(UUID runId) {
        return storage.deleteRun(runId).chain(objects -> OwnContext.run(vertx, () -> Panache.withTransaction(() -> outputs.delete("runId", runId)
                .call(() -> tombstones.deleteRun(runId))
                .call(() -> deletions.delete("runId", runId))
                .call(() -> runs.deleteById(runId))
                .call(() -> deliveries.deleteRun(runId))
                .map(rows -> new RunOutputsDeleted(runId, rows, objects.deleted())))));
    }
}
