package dev.spool.storage.sweep;

import dev.spool.storage.service.OutputStore;
import dev.spool.storage.service.StorageUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The sweeper's deletions, retried a few times within the pass. A batch that still fails is not lost: its objects
 * stay in the bucket, so the next pass lists them and tries again.
 */
@ApplicationScoped
public class SweepDeletions {

    private final OutputStore store;

    public SweepDeletions(OutputStore store) {
        this.store = store;
    }

    @Retry(maxRetries = 3, delay = 500, delayUnit = ChronoUnit.MILLIS, jitter = 200, retryOn = StorageUnavailableException.class)
    public int delete(List<String> keys) {
        return store.delete(keys);
    }
}
