package dev.spool.contracts.storage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/**
 * {@code GET /api/v1/storage/usage}, optionally {@code ?run=}: what the stored full outputs take, from the records
 * that point at them (the state-service's), with what the storage-service knows of the bucket.
 *
 * @param runId             the run asked about, or null for every run
 * @param objects           stored full outputs that task outputs point at
 * @param storedBytes       their gzipped size in the bucket
 * @param originalBytes     what the tasks printed into them
 * @param compressionRatio  original bytes to stored bytes (0 when nothing is stored)
 * @param bucket            the bucket's side, or null when the storage-service did not answer
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StorageUsage(UUID runId, long objects, long storedBytes, long originalBytes, double compressionRatio, Bucket bucket) {

    public static double ratio(long originalBytes, long storedBytes) {
        return storedBytes == 0 ? 0 : Math.round(originalBytes * 100.0 / storedBytes) / 100.0;
    }

    public StorageUsage withBucket(Bucket bucket) {
        return new StorageUsage(runId, objects, storedBytes, originalBytes, compressionRatio, bucket);
    }

    /**
     * @param name               the bucket
     * @param lifecycleSupported whether the server took the expiry rule (null: not known yet); when not, the sweeper
     *                           expires objects alone
     * @param retentionDays      after how many days objects under {@code runs/} expire; 0 when they are kept
     * @param lastSweep          the sweeper's last pass, or null before the first
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Bucket(String name, Boolean lifecycleSupported, long retentionDays, SweepReport lastSweep) {
    }
}
