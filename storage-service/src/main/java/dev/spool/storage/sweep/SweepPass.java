package dev.spool.storage.sweep;

import dev.spool.contracts.blocked.BlockIndex;
import dev.spool.contracts.storage.ObjectReferenceQuery;
import dev.spool.contracts.storage.SweepReport;
import dev.spool.storage.client.StateClient;
import dev.spool.storage.service.OutputStore;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One walk through the bucket's {@code runs/}, a batch at a time: an output older than the retention is deleted;
 * one younger than the grace is kept; any other is deleted when the state-service says no record points at it. An
 * output's block index is judged with it. When the state-service does not answer, the batch's outputs are kept:
 * the sweeper never deletes what it could not check.
 */
final class SweepPass {

    private static final Logger LOG = Logger.getLogger(SweepPass.class);

    private final OutputStore store;
    private final StateClient state;
    private final SweepDeletions deletions;
    private final boolean dryRun;
    private final Instant expiredBefore;
    private final Instant youngAfter;
    private final int batchSize;
    private final Instant startedAt;

    private long scanned;
    private long expired;
    private long orphaned;
    private long referenced;
    private long young;
    private long unchecked;
    private long failed;
    private final List<String> sample = new ArrayList<>();
    private String error;

    SweepPass(OutputStore store, StateClient state, SweepDeletions deletions, boolean dryRun, Instant now, Instant expiredBefore,
              Instant youngAfter, int batchSize) {
        this.store = store;
        this.state = state;
        this.deletions = deletions;
        this.dryRun = dryRun;
        this.startedAt = now;
        this.expiredBefore = expiredBefore;
        this.youngAfter = youngAfter;
        this.batchSize = batchSize;
    }

    SweepReport run(String prefix) {
        Map<String, Instant> batch = new LinkedHashMap<>();
        String previous = null;
        try {
            for (OutputStore.Listed object : store.list(prefix, null)) {
                String output = object.key().endsWith(BlockIndex.SUFFIX)
                        ? object.key().substring(0, object.key().length() - BlockIndex.SUFFIX.length()) : object.key();
                if (output.equals(previous)) {
                    batch.computeIfPresent(output, (key, seen) -> seen.isBefore(object.lastModified()) ? seen : object.lastModified());
                    continue;
                }
                if (batch.size() >= batchSize) {
                    judge(batch);
                    batch.clear();
                }
                previous = output;
                batch.put(output, object.lastModified());
            }
            judge(batch);
        } catch (RuntimeException e) {
            error = "the pass stopped early: " + e.getMessage();
            LOG.warnf("sweep of %s stopped early after %d outputs: %s; the next pass starts again", prefix, scanned, e.getMessage());
        }
        return new SweepReport(dryRun, startedAt, Instant.now(), scanned, expired, orphaned, referenced, young, unchecked, failed, sample, error);
    }

    private void judge(Map<String, Instant> batch) {
        if (batch.isEmpty()) {
            return;
        }
        scanned += batch.size();
        List<String> doomed = new ArrayList<>();
        List<String> toCheck = new ArrayList<>();
        batch.forEach((key, modified) -> {
            if (expiredBefore != null && modified.isBefore(expiredBefore)) {
                doomed.add(key);
            } else if (modified.isAfter(youngAfter)) {
                young++;
            } else {
                toCheck.add(key);
            }
        });
        expired += doomed.size();
        if (!toCheck.isEmpty()) {
            Set<String> wanted = referenced(toCheck);
            if (wanted == null) {
                unchecked += toCheck.size();
            } else {
                for (String key : toCheck) {
                    if (wanted.contains(key)) {
                        referenced++;
                    } else {
                        orphaned++;
                        doomed.add(key);
                    }
                }
            }
        }
        doomed.stream().limit(SweepReport.SAMPLE - sample.size()).forEach(sample::add);
        if (!dryRun && !doomed.isEmpty()) {
            try {
                deletions.delete(doomed);
            } catch (RuntimeException e) {
                failed += doomed.size();
                LOG.warnf("could not delete %d objects (first %s) after retries: %s; they stay listed and the next pass tries again",
                        doomed.size(), doomed.getFirst(), e.getMessage());
            }
        }
    }

    /** The keys a record points at, or null when the state-service could not say. */
    private Set<String> referenced(List<String> keys) {
        try {
            return new HashSet<>(state.referenced(new ObjectReferenceQuery(keys)).keys());
        } catch (RuntimeException e) {
            if (error == null) {
                error = "the state-service did not say which objects are referenced (" + e.getMessage() + "); those objects were kept";
                LOG.warnf("sweep: %s", error);
            }
            return null;
        }
    }
}
