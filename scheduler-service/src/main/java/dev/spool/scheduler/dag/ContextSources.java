package dev.spool.scheduler.dag;

import dev.spool.contracts.context.ContextRequest;
import dev.spool.contracts.context.ContextSource;
import dev.spool.contracts.context.Relevance;
import dev.spool.scheduler.model.ContextPolicy;
import dev.spool.scheduler.model.Dependency;
import dev.spool.scheduler.model.TaskDefinition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves each task's context request from the graph, once at submission: its ancestors within the reach of its
 * {@code min_relevance}, scored 1.0 for a direct dependency (or the alternative that stands in for one) and 0.8/depth
 * beyond, nearest first. The state-service adds what the graph cannot know (labels, recency, a loop's own iterations)
 * when the task starts. A task that nothing could qualify for gets no request, and its worker asks for nothing.
 */
public final class ContextSources {

    /** Beyond direct dependencies, this many candidates per task are enough: a budget of max_tasks takes the nearest. */
    private static final int MIN_TRANSITIVE = 20;
    private static final int MAX_TRANSITIVE = 2_000;

    private ContextSources() {
    }

    /** The request of every task, by id; a task without one is absent. */
    public static Map<String, ContextRequest> plan(Map<String, TaskDefinition> tasks) {
        Map<String, Integer> agents = new HashMap<>();
        tasks.values().forEach(definition -> {
            if (definition.agent() != null) {
                agents.merge(definition.agent(), 1, Integer::sum);
            }
        });
        Map<String, ContextRequest> requests = new LinkedHashMap<>();
        tasks.forEach((taskId, definition) -> {
            ContextRequest request = request(taskId, definition, tasks, agents);
            if (request != null) {
                requests.put(taskId, request);
            }
        });
        return requests;
    }

    private static ContextRequest request(String taskId, TaskDefinition definition, Map<String, TaskDefinition> tasks,
                                          Map<String, Integer> agents) {
        ContextPolicy policy = definition.context();
        if (policy.mode() == ContextPolicy.Mode.NONE) {
            return null;
        }
        boolean manual = policy.mode() == ContextPolicy.Mode.MANUAL;
        double min = manual ? 0 : policy.minRelevance();
        List<ContextSource> sources = ancestors(taskId, tasks, manual ? Relevance.MAX_DEPTH : Relevance.reach(min),
                Math.min(MAX_TRANSITIVE, Math.max(MIN_TRANSITIVE, policy.maxTasks() * 2)));
        boolean sharedAgent = definition.agent() != null && agents.getOrDefault(definition.agent(), 0) > 1;
        String agent = sharedAgent && Relevance.SAME_AGENT >= min ? definition.agent() : null;
        Long window = policy.windowMillis() != null && Relevance.RECENT >= min ? policy.windowMillis() : null;
        boolean ownIterations = definition.loop() != null;
        boolean unrelated = !manual && min <= Relevance.UNRELATED;
        if (!manual && sources.isEmpty() && agent == null && window == null && !ownIterations && !unrelated) {
            return null;
        }
        return new ContextRequest(null, taskId, 0, manual ? ContextRequest.MANUAL : ContextRequest.AUTOMATIC, policy.format(),
                policy.stdin(), policy.maxBytes(), policy.maxTasks(), policy.maxTokens(), min, window, agent, sources,
                policy.include(), policy.exclude(), ownIterations, unrelated);
    }

    /** Breadth first up the dependencies: every direct one, then deeper ones up to the reach and the cap. */
    static List<ContextSource> ancestors(String taskId, Map<String, TaskDefinition> tasks, int reach, int cap) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        depth.put(taskId, 0);
        queue.add(taskId);
        int transitive = 0;
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            int next = depth.get(current) + 1;
            if (next > reach) {
                break;
            }
            for (String upstream : upstreamOf(tasks.get(current))) {
                if (depth.containsKey(upstream) || !tasks.containsKey(upstream)) {
                    continue;
                }
                if (next > 1 && transitive >= cap) {
                    queue.clear();
                    break;
                }
                depth.put(upstream, next);
                queue.addLast(upstream);
                if (next > 1) {
                    transitive++;
                }
            }
        }
        depth.remove(taskId);
        List<ContextSource> sources = new ArrayList<>();
        depth.forEach((upstream, hops) -> sources.add(new ContextSource(upstream, Relevance.ofDepth(hops),
                hops == 1 ? "direct dependency" : "upstream, " + hops + " dependencies away")));
        return sources;
    }

    private static List<String> upstreamOf(TaskDefinition definition) {
        if (definition == null) {
            return List.of();
        }
        List<String> upstream = new ArrayList<>();
        for (Dependency dependency : definition.dependencies()) {
            upstream.add(dependency.task());
            if (dependency.onFailure().action() == Dependency.OnFailure.Action.RUN_ALTERNATIVE) {
                upstream.add(Objects.requireNonNull(dependency.onFailure().value()));
            }
        }
        return upstream;
    }
}
