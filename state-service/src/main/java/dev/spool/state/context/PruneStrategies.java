package dev.spool.state.context;

import dev.spool.contracts.context.CleanupPolicy;
import dev.spool.contracts.context.RunNeeds;
import dev.spool.state.repository.OutputHeader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which outputs a pruning pass removes. An output a task still to run needs is never removed: the latest attempt of
 * a task in {@code needed}, or of a task not yet finished (a loop reads its own latest iteration). Of the rest, each
 * strategy keeps {@code keep_count}: the most recent, the most relevant, the most lately used; {@code
 * non_dependencies} keeps none of them.
 */
public final class PruneStrategies {

    private PruneStrategies() {
    }

    public record Choice(List<OutputHeader> kept, List<OutputHeader> protectedOutputs, List<OutputHeader> pruned) {
    }

    public static Choice choose(List<OutputHeader> outputs, RunNeeds needs, CleanupPolicy.Type type, int keepCount) {
        Map<String, Integer> latestAttempt = new HashMap<>();
        outputs.forEach(output -> latestAttempt.merge(output.taskId(), output.attempt(), Math::max));
        Set<String> stillNeeded = new HashSet<>(needs.needed());
        stillNeeded.addAll(needs.unfinished());

        List<OutputHeader> protectedOutputs = new ArrayList<>();
        List<OutputHeader> candidates = new ArrayList<>();
        for (OutputHeader output : outputs) {
            boolean latest = latestAttempt.get(output.taskId()) == output.attempt();
            (latest && stillNeeded.contains(output.taskId()) ? protectedOutputs : candidates).add(output);
        }
        Comparator<OutputHeader> recentFirst = Comparator.comparing(OutputHeader::completedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(OutputHeader::attempt).reversed();
        Comparator<OutputHeader> keepFirst = switch (type) {
            case MOST_RECENT, NON_DEPENDENCIES -> recentFirst;
            case HIGHEST_RELEVANCE -> Comparator.comparingDouble((OutputHeader output) ->
                    output.relevanceScore() == null ? 0 : output.relevanceScore()).reversed().thenComparing(recentFirst);
            case LRU -> Comparator.comparing(PruneStrategies::lastUse).reversed().thenComparing(recentFirst);
        };
        candidates.sort(keepFirst);
        int keep = type == CleanupPolicy.Type.NON_DEPENDENCIES ? 0 : Math.min(keepCount, candidates.size());
        return new Choice(List.copyOf(candidates.subList(0, keep)), protectedOutputs, List.copyOf(candidates.subList(keep, candidates.size())));
    }

    private static Instant lastUse(OutputHeader output) {
        Instant used = output.lastAccessed() != null ? output.lastAccessed() : output.completedAt();
        return used == null ? Instant.EPOCH : used;
    }
}
