package dev.spool.scheduler.dag;

import dev.spool.contracts.TaskStatus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, from the status of every task of a run, which pending tasks may run now and which can never
 * run because a dependency did not succeed. A pure function of the statuses, so it is cheap to test and
 * safe to call again after a crash.
 */
public final class DagPlanner {

    private DagPlanner() {
    }

    public record Node(String id, TaskStatus status, List<String> dependsOn) {
    }

    /** @param skipped task id → why it will not run */
    public record Plan(List<String> ready, Map<String, String> skipped) {
    }

    public static Plan plan(List<Node> nodes) {
        Map<String, TaskStatus> status = new HashMap<>();
        nodes.forEach(node -> status.put(node.id(), node.status()));
        List<String> ready = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Node node : topologicalOrder(nodes)) {
            if (node.status() != TaskStatus.PENDING) {
                continue;
            }
            String blocker = null;
            boolean allSucceeded = true;
            for (String dependency : node.dependsOn()) {
                TaskStatus dependencyStatus = status.get(dependency);
                if (dependencyStatus.isTerminal() && dependencyStatus != TaskStatus.SUCCEEDED) {
                    blocker = "dependency '" + dependency + "' " + describe(dependencyStatus);
                    break;
                }
                allSucceeded &= dependencyStatus == TaskStatus.SUCCEEDED;
            }
            if (blocker != null) {
                skipped.put(node.id(), blocker);
                status.put(node.id(), TaskStatus.SKIPPED);
            } else if (allSucceeded) {
                ready.add(node.id());
            }
        }
        return new Plan(ready, skipped);
    }

    private static String describe(TaskStatus status) {
        return switch (status) {
            case FAILED -> "failed";
            case SKIPPED -> "was skipped";
            case TIMED_OUT -> "timed out";
            case CANCELLED -> "was cancelled";
            case RESOURCE_EXCEEDED -> "went over its resource limits";
            case INTERRUPTED -> "was interrupted";
            case LOST -> "was lost";
            default -> "is " + status;
        };
    }

    /** Kahn's order, so every dependency is decided before its dependents in one pass. */
    static List<Node> topologicalOrder(List<Node> nodes) {
        Map<String, Node> byId = new LinkedHashMap<>();
        Map<String, Integer> unmet = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (Node node : nodes) {
            byId.put(node.id(), node);
            unmet.put(node.id(), node.dependsOn().size());
            node.dependsOn().forEach(dependency -> dependents.computeIfAbsent(dependency, key -> new ArrayList<>()).add(node.id()));
        }
        Deque<String> free = new ArrayDeque<>();
        unmet.forEach((id, count) -> {
            if (count == 0) {
                free.add(id);
            }
        });
        List<Node> order = new ArrayList<>(nodes.size());
        while (!free.isEmpty()) {
            String id = free.poll();
            order.add(byId.get(id));
            for (String dependent : dependents.getOrDefault(id, List.of())) {
                if (unmet.merge(dependent, -1, Integer::sum) == 0) {
                    free.add(dependent);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new IllegalStateException("the run's tasks form a cycle; validation should have refused it");
        }
        return order;
    }
}
