package dev.spool.contracts.storage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * What one pass of the storage-service's sweeper did to the bucket: {@code POST /api/v1/storage/sweeps} runs one and
 * answers it, {@code GET /api/v1/storage/sweeps/last} shows the last. In a dry run nothing is deleted and the
 * {@code deleted_*} figures say what would have been.
 *
 * @param scanned   outputs looked at (an output's block index goes with it and is not counted apart)
 * @param expired   outputs older than the retention, deleted whether referenced or not
 * @param orphaned  outputs no task output points at, older than the grace, deleted
 * @param referenced outputs kept because a task output points at them
 * @param young     outputs kept because they are younger than the grace (their result may not be recorded yet)
 * @param unchecked outputs kept because the state-service could not say whether they are referenced
 * @param failed    deletions that failed after their retries; the objects are still there and the next pass tries again
 * @param sample    up to {@link #SAMPLE} of the keys deleted (or that would be, in a dry run)
 * @param error     why the pass stopped early, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SweepReport(boolean dryRun, Instant startedAt, Instant finishedAt, long scanned, long expired, long orphaned,
                          long referenced, long young, long unchecked, long failed, List<String> sample, String error) {

    public static final int SAMPLE = 20;

    public SweepReport {
        sample = sample == null ? List.of() : List.copyOf(sample);
    }
}
