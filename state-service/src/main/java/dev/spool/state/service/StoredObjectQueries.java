package dev.spool.state.service;

import dev.spool.contracts.storage.ObjectReferenceQuery;
import dev.spool.contracts.storage.StorageUsage;
import dev.spool.state.repository.TaskOutputRepository;
import dev.spool.support.rest.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** What the records say of the stored full outputs: which objects they point at, and how much those take. */
@ApplicationScoped
public class StoredObjectQueries {

    private final TaskOutputRepository outputs;

    public StoredObjectQueries(TaskOutputRepository outputs) {
        this.outputs = outputs;
    }

    @WithSession
    public Uni<ObjectReferenceQuery.Referenced> referenced(ObjectReferenceQuery query) {
        if (query == null) {
            throw new InvalidRequestException("body", "send {\"keys\": [...]}, the object keys to look up");
        }
        if (query.keys().size() > ObjectReferenceQuery.MAX_KEYS) {
            throw new InvalidRequestException("keys", "ask about at most " + ObjectReferenceQuery.MAX_KEYS + " keys at a time, got "
                    + query.keys().size() + "; split the request");
        }
        for (int i = 0; i < query.keys().size(); i++) {
            if (query.keys().get(i) == null || query.keys().get(i).isBlank()) {
                throw new InvalidRequestException("keys[" + i + "]", "keys[" + i + "] is empty; give object keys such as runs/<run>/<task>/...");
            }
        }
        return outputs.referencedObjects(query.keys()).map(ObjectReferenceQuery.Referenced::new);
    }

    /** @param runId one run, or null; @param tenant one tenant's runs, when no run is named, or null for every run */
    @WithSession
    public Uni<StorageUsage> usage(UUID runId, String tenant) {
        return outputs.storedTotals(runId, tenant).map(totals -> new StorageUsage(runId, totals.objects(), totals.storedBytes(),
                totals.originalBytes(), StorageUsage.ratio(totals.originalBytes(), totals.storedBytes()), null));
    }
}
