package dev.spool.worker.service;

import dev.spool.contracts.StoredObject;
import dev.spool.contracts.blocked.BlockIndex;
import dev.spool.worker.capture.OutputSpool;
import dev.spool.worker.client.StorageClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;

/** Sends a spool file and its block index to the storage-service, retrying with backoff while it is unavailable. */
@ApplicationScoped
public class OutputUploader {

    private final StorageClient storage;
    private final MeterRegistry metrics;

    public OutputUploader(@RestClient StorageClient storage, MeterRegistry metrics) {
        this.storage = storage;
        this.metrics = metrics;
    }

    /**
     * Waits out an object store that is away for up to about a minute (1, 2, 4, 8, then 15 s between tries), which
     * covers a restart; then the task's result says the copy failed.
     */
    @Retry(maxRetries = 7, delay = 1000, maxDuration = 120, durationUnit = ChronoUnit.SECONDS)
    @ExponentialBackoff(maxDelay = 15000)
    public StoredObject upload(String key, OutputSpool spool) {
        // The index first: an output whose object exists always has its index, so no reader takes it for one of the
        // outputs stored whole before blocks, and reads it as a single gzip member.
        storage.putIndex(BlockIndex.keyFor(key), spool.index());
        // The storage-service checks the file's own checksum as it arrives, and refuses a damaged upload; it is sent again.
        StoredObject stored = spool.compressed()
                ? storage.putGzip(key, spool.sha256(), spool.fileSha256(), spool.storedBytes(), spool.index().lines(), spool.file().toFile())
                : storage.putRaw(key, spool.sha256(), spool.fileSha256(), spool.storedBytes(), spool.index().lines(), spool.file().toFile());
        metrics.counter("spool.worker.stored.bytes").increment(stored.sizeBytes());
        return stored;
    }
}
