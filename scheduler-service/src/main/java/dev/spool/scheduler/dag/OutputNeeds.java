package dev.spool.scheduler.dag;

import dev.spool.contracts.TaskStatus;
import dev.spool.contracts.context.CleanupPolicy;
import dev.spool.contracts.context.ContextRequest;
import dev.spool.contracts.context.ContextSource;
import dev.spool.contracts.context.Relevance;
import dev.spool.contracts.context.RunNeeds;
import dev.spool.contracts.context.TaskGlob;
import dev.spool.scheduler.model.Dependency;
import dev.spool.scheduler.model.TaskDefinition;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the tasks of a run still to run need of its outputs, for the state-service's pruning and stored relevance.
 * A task's output is needed while a task still to run depends on it or may put it in its context (by the request
 * resolved at submission: its sources, its agent label, its manual patterns). Its relevance is its highest for any
 * such task: by the fewest dependency hops to one (multi-source, so linear in the graph), and 0.5 for a shared label.
 */
public final class OutputNeeds {

    private OutputNeeds() {
    }

    public static RunNeeds of(UUID runId, boolean ended, CleanupPolicy cleanup, Map<String, TaskDefinition> definitions,
                              Map<String, TaskStatus> statuses) {
        Set<String> unfinished = new HashSet<>();
        statuses.forEach((task, status) -> {
            if (!status.isTerminal()) {
                unfinished.add(task);
            }
        });
        if (ended || unfinished.isEmpty()) {
            return new RunNeeds(runId, true, cleanup, Map.of(), Set.of(), Set.of());
        }
        Map<String, Double> relevance = new HashMap<>();
        hopsToUnfinished(definitions, unfinished).forEach((task, hops) -> relevance.put(task, Relevance.ofDepth(hops)));

        Set<String> needed = new HashSet<>();
        Set<String> agentsWanted = new HashSet<>();
        for (String task : unfinished) {
            TaskDefinition definition = definitions.get(task);
            if (definition == null) {
                continue;
            }
            definition.dependsOn().forEach(needed::add);
            if (definition.agent() != null) {
                agentsWanted.add(definition.agent());
            }
            ContextRequest request = definition.contextRequest();
            if (request == null) {
                continue;
            }
            request.sources().stream().map(ContextSource::taskId).forEach(needed::add);
            if (request.includeUnrelated()) {
                needed.addAll(definitions.keySet());
            }
            if (request.agent() != null) {
                definitions.forEach((other, otherDefinition) -> {
                    if (request.agent().equals(otherDefinition.agent())) {
                        needed.add(other);
                    }
                });
            }
            for (String glob : request.include()) {
                TaskGlob pattern = TaskGlob.of(glob);
                definitions.keySet().stream().filter(pattern::matches).forEach(needed::add);
            }
        }
        definitions.forEach((task, definition) -> {
            if (definition.agent() != null && agentsWanted.contains(definition.agent())
                    && unfinished.stream().anyMatch(other -> !other.equals(task) && definition.agent().equals(definitions.get(other).agent()))) {
                relevance.merge(task, Relevance.SAME_AGENT, Math::max);
            }
        });
        return new RunNeeds(runId, false, cleanup, relevance, needed, unfinished);
    }

    /** For each task upstream of an unfinished one, the fewest dependency hops to any unfinished task below it. */
    private static Map<String, Integer> hopsToUnfinished(Map<String, TaskDefinition> definitions, Set<String> unfinished) {
        Map<String, Integer> hops = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        Map<String, Integer> distance = new HashMap<>();
        unfinished.forEach(task -> {
            distance.put(task, 0);
            queue.add(task);
        });
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            int next = distance.get(current) + 1;
            if (next > Relevance.MAX_DEPTH) {
                continue;
            }
            TaskDefinition definition = definitions.get(current);
            if (definition == null) {
                continue;
            }
            for (Dependency dependency : definition.dependencies()) {
                for (String upstream : upstreamOf(dependency)) {
                    if (!distance.containsKey(upstream)) {
                        distance.put(upstream, next);
                        hops.put(upstream, next);
                        queue.addLast(upstream);
                    }
                }
            }
        }
        return hops;
    }

    private static List<String> upstreamOf(Dependency dependency) {
        return dependency.onFailure().action() == Dependency.OnFailure.Action.RUN_ALTERNATIVE && dependency.onFailure().value() != null
                ? List.of(dependency.task(), dependency.onFailure().value()) : List.of(dependency.task());
    }
}
