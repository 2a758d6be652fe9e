package dev.spool.scheduler.service;

import dev.spool.contracts.storage.StorageUsage;
import dev.spool.scheduler.client.FullOutputClient;
import dev.spool.scheduler.client.StateClient;
import dev.spool.scheduler.client.StateErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;

/**
 * {@code GET /api/v1/storage/usage}: the figures come from the state-service's records, which say what is stored and
 * for which run; the bucket's side (lifecycle, the sweeper's last pass) from the storage-service, and is left out
 * when that does not answer within a second.
 */
@ApplicationScoped
public class StorageUsageViews {

    private static final Logger LOG = Logger.getLogger(StorageUsageViews.class);
    private static final Duration STORAGE_WAIT = Duration.ofSeconds(1);

    private final RunQueries runs;
    private final StateClient state;
    private final FullOutputClient storage;

    public StorageUsageViews(RunQueries runs, @RestClient StateClient state, FullOutputClient storage) {
        this.runs = runs;
        this.state = state;
        this.storage = storage;
    }

    /** @param runId one run, checked to exist, or null for every run */
    public Uni<StorageUsage> usage(UUID runId) {
        Uni<Void> known = runId == null ? Uni.createFrom().voidItem() : runs.run(runId).replaceWithVoid();
        return known.chain(ignored -> Uni.combine().all().unis(
                        state.storageUsage(runId, null).onFailure().transform(e -> StateErrors.passOn(e, "measure the stored outputs")),
                        bucket())
                .with((usage, bucket) -> usage.withBucket(bucket)));
    }

    private Uni<StorageUsage.Bucket> bucket() {
        return storage.bucket().ifNoItem().after(STORAGE_WAIT).fail().onFailure().recoverWithItem(failure -> {
            LOG.debugf("the bucket's side of the storage usage is left out: %s", failure.getMessage());
            return null;
        });
    }
}
