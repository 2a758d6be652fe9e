package dev.spool.state.service;

import dev.spool.contracts.context.Relevance;
import dev.spool.contracts.context.RunNeeds;
import dev.spool.state.repository.OutputHeader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The relevance stored on each record: the highest it has for a task of its run still to run. The latest attempt of
 * a task takes its task's score; a task still running (a loop) also reads its own recorded attempts, the latest
 * scoring 1.0 and each earlier one as one more hop back; an attempt superseded by a later one scores 0.
 */
final class RelevanceScores {

    private RelevanceScores() {
    }

    /** The records whose stored score changes, grouped by their new score. */
    static Map<Double, List<UUID>> changes(List<OutputHeader> outputs, RunNeeds needs) {
        Map<String, TreeSet<Integer>> attempts = new HashMap<>();
        outputs.forEach(o -> attempts.computeIfAbsent(o.taskId(), key -> new TreeSet<>()).add(o.attempt()));
        Map<Double, List<UUID>> changes = new LinkedHashMap<>();
        for (OutputHeader output : outputs) {
            TreeSet<Integer> ofTask = attempts.get(output.taskId());
            boolean latest = ofTask.last() == output.attempt();
            double score = latest ? needs.relevance().getOrDefault(output.taskId(), Relevance.UNRELATED) : Relevance.UNRELATED;
            if (needs.unfinished().contains(output.taskId())) {
                int back = ofTask.tailSet(output.attempt(), true).size();
                score = Math.max(score, Relevance.ofDepth(back));
            }
            double rounded = Math.round(score * 1000) / 1000.0;
            if (!Objects.equals(output.relevanceScore(), rounded)) {
                changes.computeIfAbsent(rounded, key -> new ArrayList<>()).add(output.id());
            }
        }
        return changes;
    }
}
