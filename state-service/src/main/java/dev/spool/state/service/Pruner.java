package dev.spool.state.service;

import dev.spool.contracts.context.CleanupPolicy;
import dev.spool.contracts.context.PruneReport;
import dev.spool.contracts.context.RunNeeds;
import dev.spool.state.context.PruneStrategies;
import dev.spool.state.model.ObjectDeletion;
import dev.spool.state.model.PrunedOutputs;
import dev.spool.state.repository.ObjectDeletionRepository;
import dev.spool.state.repository.OutputHeader;
import dev.spool.state.repository.PrunedOutputsRepository;
import dev.spool.state.repository.RunContextRepository;
import dev.spool.state.repository.TaskOutputRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One pruning pass over a run, inside the caller's transaction: the chosen records go, each leaving a tombstone, and
 * the objects no other record points at are queued for deletion from the bucket, which happens after the commit
 * ({@link ObjectDeletionSweeper}). A dry run reports the same choice and changes nothing.
 */
@ApplicationScoped
public class Pruner {

    private static final Logger LOG = Logger.getLogger(Pruner.class);
    private static final int REPORTED = 100;

    private final TaskOutputRepository outputs;
    private final PrunedOutputsRepository tombstones;
    private final ObjectDeletionRepository deletions;
    private final RunContextRepository runs;
    private final MeterRegistry metrics;

    public Pruner(TaskOutputRepository outputs, PrunedOutputsRepository tombstones, ObjectDeletionRepository deletions,
                  RunContextRepository runs, MeterRegistry metrics) {
        this.outputs = outputs;
        this.tombstones = tombstones;
        this.deletions = deletions;
        this.runs = runs;
        this.metrics = metrics;
    }

    public Uni<PruneReport> prune(UUID runId, List<OutputHeader> live, RunNeeds needs, CleanupPolicy.Type type, int keepCount, boolean dryRun) {
        PruneStrategies.Choice choice = PruneStrategies.choose(live, needs, type, keepCount);
        List<OutputHeader> pruned = choice.pruned();
        long prunedBytes = pruned.stream().mapToLong(OutputHeader::keptBytes).sum();
        List<PruneReport.Pruned> listed = pruned.stream().limit(REPORTED)
                .map(o -> new PruneReport.Pruned(o.taskId(), o.attempt(), o.stream(), o.keptBytes(), o.relevanceScore() == null ? 0 : o.relevanceScore()))
                .toList();
        List<UUID> ids = pruned.stream().map(OutputHeader::id).toList();
        Set<String> keys = new HashSet<>();
        pruned.stream().map(OutputHeader::objectKey).filter(java.util.Objects::nonNull).forEach(keys::add);
        Uni<List<String>> stillReferenced = outputs.objectsStillReferenced(keys, ids);
        // A kept text's object belongs to its one record, so it goes with it.
        pruned.stream().map(OutputHeader::keptTextKey).filter(java.util.Objects::nonNull).forEach(keys::add);
        return stillReferenced.chain(referenced -> {
            keys.removeAll(referenced);
            PruneReport report = new PruneReport(runId, dryRun, type.wireName(), keepCount, live.size(),
                    choice.kept().size() + choice.protectedOutputs().size(), choice.protectedOutputs().size(), pruned.size(),
                    prunedBytes, keys.size(), listed);
            if (dryRun || pruned.isEmpty()) {
                return dryRun ? Uni.createFrom().item(report) : resetCounter(runId).replaceWith(report);
            }
            Instant now = Instant.now();
            return tombstone(runId, pruned, type.wireName(), now)
                    .chain(() -> queueDeletions(runId, keys, now))
                    .chain(() -> outputs.deleteByIds(ids))
                    .chain(() -> account(runId, report, now))
                    .invoke(() -> {
                        metrics.counter("spool.state.outputs.pruned", "strategy", type.wireName()).increment(pruned.size());
                        metrics.counter("spool.state.pruned.bytes").increment(prunedBytes);
                        LOG.infof("pruned run %s by %s (keep_count %d): %d outputs (%,d bytes) removed, %d kept, %d of them still needed",
                                runId, type.wireName(), keepCount, pruned.size(), prunedBytes, report.kept(), report.protectedOutputs());
                    })
                    .replaceWith(report);
        });
    }

    /** Consecutive attempts of one output of one task become one range, extending the range that ends just before. */
    private Uni<Void> tombstone(UUID runId, List<OutputHeader> pruned, String strategy, Instant now) {
        Map<String, List<OutputHeader>> byOutput = new LinkedHashMap<>();
        pruned.forEach(o -> byOutput.computeIfAbsent(o.taskId() + "\u0000" + o.stream(), key -> new ArrayList<>()).add(o));
        List<Range> ranges = new ArrayList<>();
        byOutput.values().forEach(group -> {
            group.sort(Comparator.comparingInt(OutputHeader::attempt));
            Range current = null;
            for (OutputHeader o : group) {
                if (current != null && o.attempt() == current.last + 1) {
                    current.last = o.attempt();
                    current.outputs++;
                    current.bytes += o.keptBytes();
                } else {
                    current = new Range(o.taskId(), o.stream(), o.attempt(), o.keptBytes());
                    ranges.add(current);
                }
            }
        });
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Range range : ranges) {
            chain = chain.chain(() -> tombstones.endingAt(runId, range.taskId, range.stream, strategy, range.first - 1).chain(before -> {
                PrunedOutputs stone = before;
                if (stone == null) {
                    stone = new PrunedOutputs();
                    stone.id = UUID.randomUUID();
                    stone.runId = runId;
                    stone.taskId = range.taskId;
                    stone.stream = range.stream;
                    stone.strategy = strategy;
                    stone.firstAttempt = range.first;
                }
                stone.lastAttempt = range.last;
                stone.outputs += range.outputs;
                stone.bytes += range.bytes;
                stone.lastPrunedAt = now;
                return before == null ? tombstones.persist(stone).replaceWithVoid() : Uni.createFrom().voidItem();
            }));
        }
        return chain;
    }

    private static final class Range {
        final String taskId;
        final String stream;
        final int first;
        int last;
        long outputs = 1;
        long bytes;

        Range(String taskId, String stream, int attempt, long bytes) {
            this.taskId = taskId;
            this.stream = stream;
            this.first = attempt;
            this.last = attempt;
            this.bytes = bytes;
        }
    }

    private Uni<Void> queueDeletions(UUID runId, Set<String> keys, Instant now) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return deletions.list("objectKey in ?1", keys).chain(queued -> {
            Set<String> fresh = new HashSet<>(keys);
            queued.forEach(existing -> fresh.remove(existing.objectKey));
            List<ObjectDeletion> rows = fresh.stream().map(key -> {
                ObjectDeletion row = new ObjectDeletion();
                row.objectKey = key;
                row.runId = runId;
                row.requestedAt = now;
                row.nextTryAt = now;
                return row;
            }).toList();
            return rows.isEmpty() ? Uni.createFrom().voidItem() : deletions.persist(rows);
        });
    }

    private Uni<Void> account(UUID runId, PruneReport report, Instant now) {
        return runs.of(runId).invoke(run -> {
            run.outputsSincePrune = 0;
            run.prunePasses++;
            run.prunedOutputs += report.pruned();
            run.prunedBytes += report.prunedBytes();
            run.lastPrunedAt = now;
            run.updatedAt = now;
            if (report.pruned() > report.kept()) {
                run.warn(String.format(Locale.ROOT, "pruning by %s removed more outputs than it kept (%,d removed, %,d kept): "
                                + "downstream tasks may miss context; raise limits.cleanup_strategy.keep_count above %d",
                        report.strategy(), report.pruned(), report.kept(), report.keepCount()));
            }
        }).replaceWithVoid();
    }

    private Uni<Void> resetCounter(UUID runId) {
        return runs.of(runId).invoke(run -> run.outputsSincePrune = 0).replaceWithVoid();
    }
}
