package dev.spool.scheduler.dag;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Dependency;
import dev.spool.scheduler.model.DependencyStrategy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides, from the outcome of every task of a run, which pending tasks may run now and which never will. A pure
 * function of the outcomes, so it is cheap to test and safe to call again after a crash.
 */
public final class DagPlanner {

    private DagPlanner() {
    }

    /**
     * @param when    the task's {@code when}, or null
     * @param standby the task runs only as the alternative of a dependency that did not succeed
     */
    public record Node(String id, TaskStatus status, Integer exitCode, int attempts, List<Dependency> dependencies,
                       DependencyStrategy strategy, String when, boolean standby, String result) {

        public Node {
            dependencies = dependencies == null ? List.of() : dependencies;
            strategy = strategy == null ? DependencyStrategy.ALL_REQUIRED : strategy;
        }

        public Node(String id, TaskStatus status, Integer exitCode, int attempts, List<Dependency> dependencies,
                    DependencyStrategy strategy, String when, boolean standby) {
            this(id, status, exitCode, attempts, dependencies, strategy, when, standby, null);
        }

        public static Node of(String id, TaskStatus status, String... dependsOn) {
            return new Node(id, status, null, 0, java.util.Arrays.stream(dependsOn).map(Dependency::on).toList(),
                    DependencyStrategy.ALL_REQUIRED, null, false);
        }
    }

    /**
     * A task that may run now.
     *
     * @param notes    what the user should know about how it was let through, e.g. a dependency that failed
     * @param defaults dependency id → the text that stands in for its output ({@code use_default})
     */
    public record Ready(String id, List<String> notes, Map<String, String> defaults) {
    }

    /** @param skipped task id → why it will not run */
    public record Plan(List<Ready> ready, Map<String, String> skipped) {

        public List<String> readyIds() {
            return ready.stream().map(Ready::id).toList();
        }
    }

    public static Plan plan(List<Node> nodes) {
        return plan(nodes, null);
    }

    /**
     * Decides only the pending tasks among {@code candidates}; the other nodes are there for their outcomes. Every
     * task a candidate's decision reads (dependencies, alternatives, what it stands in for) must be among the nodes.
     *
     * @param candidates the tasks to decide, or null for every pending task
     */
    public static Plan plan(List<Node> nodes, java.util.Set<String> candidates) {
        Map<String, Node> byId = new HashMap<>();
        nodes.forEach(node -> byId.put(node.id(), node));
        Map<String, TaskStatus> status = new HashMap<>();
        nodes.forEach(node -> status.put(node.id(), node.status()));
        Map<String, List<String>> primaries = new HashMap<>();
        for (Node node : nodes) {
            for (Dependency dependency : node.dependencies()) {
                if (dependency.onFailure().action() == Dependency.OnFailure.Action.RUN_ALTERNATIVE) {
                    primaries.computeIfAbsent(dependency.onFailure().value(), key -> new ArrayList<>()).add(dependency.task());
                }
            }
        }
        Outcomes outcomes = new Outcomes(byId, status);

        List<Ready> ready = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Node node : topologicalOrder(nodes)) {
            if (node.status() != TaskStatus.PENDING || (candidates != null && !candidates.contains(node.id()))) {
                continue;
            }
            Verdict verdict = node.standby() ? standby(primaries.getOrDefault(node.id(), List.of()), status) : null;
            if (verdict == null) {
                verdict = dependencies(node, status);
            }
            if (verdict.kind == Verdict.Kind.READY && node.when() != null) {
                Condition when = Condition.parsed(node.when(), false);
                if (!when.test(outcomes)) {
                    verdict = Verdict.skip("its condition '" + node.when() + "' is false (" + describeRefs(when, outcomes) + ")");
                }
            }
            switch (verdict.kind) {
                case READY -> ready.add(new Ready(node.id(), verdict.notes, verdict.defaults));
                case SKIP -> {
                    skipped.put(node.id(), verdict.reason);
                    status.put(node.id(), TaskStatus.SKIPPED);
                }
                case WAIT -> {
                }
            }
        }
        return new Plan(ready, skipped);
    }

    private static String describeRefs(Condition condition, Outcomes outcomes) {
        return condition.tasks().stream()
                .map(task -> task + " " + outcomes.property(task, "status") + (outcomes.property(task, "exit_code") instanceof Long code ? " with exit code " + code : ""))
                .collect(Collectors.joining(", "));
    }

    /** An alternative runs once one of the tasks it stands in for has failed, and is not needed once all succeeded. */
    private static Verdict standby(List<String> primaries, Map<String, TaskStatus> status) {
        boolean allEnded = true;
        for (String primary : primaries) {
            TaskStatus s = status.get(primary);
            if (s.isTerminal() && s != TaskStatus.SUCCEEDED) {
                return null;
            }
            allEnded &= s.isTerminal();
        }
        return allEnded ? Verdict.skip("not needed: " + String.join(", ", primaries) + " succeeded") : Verdict.WAIT;
    }

    private static Verdict dependencies(Node node, Map<String, TaskStatus> status) {
        List<Dependency> dependencies = node.dependencies();
        boolean allEnded = true;
        boolean anySucceeded = false;
        List<String> notes = new ArrayList<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Dependency dependency : dependencies) {
            TaskStatus s = status.get(dependency.task());
            boolean ended = s.isTerminal();
            boolean succeeded = s == TaskStatus.SUCCEEDED;
            allEnded &= ended;
            anySucceeded |= succeeded;
            if (!ended || succeeded) {
                continue;
            }
            String failure = "dependency '" + dependency.task() + "' " + describe(s);
            switch (node.strategy()) {
                case ALL_REQUIRED -> {
                    return Verdict.skip(failure);
                }
                case ANY_REQUIRED, BEST_EFFORT -> notes.add(failure);
                case CONDITIONAL -> {
                    Dependency.OnFailure onFailure = dependency.onFailure();
                    switch (onFailure.action()) {
                        case SKIP -> {
                            return Verdict.skip(failure + " (on_failure: skip)");
                        }
                        case WARN -> notes.add(failure + "; running anyway (on_failure: warn)");
                        case USE_DEFAULT -> {
                            notes.add(failure + "; its default output is used (on_failure: use_default)");
                            defaults.put(dependency.task(), onFailure.value());
                        }
                        case RUN_ALTERNATIVE -> {
                            TaskStatus alternative = status.get(onFailure.value());
                            if (!alternative.isTerminal()) {
                                allEnded = false;
                            } else if (alternative == TaskStatus.SUCCEEDED) {
                                notes.add(failure + "; its alternative '" + onFailure.value() + "' succeeded");
                            } else {
                                return Verdict.skip(failure + " and its alternative '" + onFailure.value() + "' " + describe(alternative));
                            }
                        }
                    }
                }
            }
        }
        if (!allEnded) {
            return Verdict.WAIT;
        }
        if (node.strategy() == DependencyStrategy.ANY_REQUIRED && !dependencies.isEmpty() && !anySucceeded) {
            return Verdict.skip("none of its dependencies succeeded (" + String.join("; ", notes) + ")");
        }
        return new Verdict(Verdict.Kind.READY, null, notes, defaults);
    }

    private record Verdict(Kind kind, String reason, List<String> notes, Map<String, String> defaults) {
        enum Kind { READY, SKIP, WAIT }

        static final Verdict WAIT = new Verdict(Kind.WAIT, null, List.of(), Map.of());

        static Verdict skip(String reason) {
            return new Verdict(Kind.SKIP, reason, List.of(), Map.of());
        }
    }

    /** A task's outcome as conditions read it. */
    public record Outcomes(Map<String, Node> nodes, Map<String, TaskStatus> status) implements Condition.Outcomes {
        @Override
        public Object property(String taskId, String property) {
            Node node = nodes.get(taskId);
            TaskStatus s = status.getOrDefault(taskId, node == null ? TaskStatus.PENDING : node.status());
            if (property.startsWith(Condition.RESULT_PREFIX)) {
                return resultValue(node == null ? null : node.result(), property);
            }
            return DagPlanner.property(s, node == null ? null : node.exitCode(), node == null ? 0 : node.attempts(), property);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * A field of a task's result object, {@code result.<field>[.<field>...]}: a string, a number (a whole one as a
     * long), a boolean, or null when the task has no result or the result no such field.
     */
    public static Object resultValue(String result, String property) {
        if (result == null) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = JSON.readTree(result);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
        for (String field : property.substring(Condition.RESULT_PREFIX.length()).split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(field);
        }
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.isBoolean() ? (Object) node.booleanValue() : node.asText();
    }

    /** One property of an outcome, shared by {@code when} and {@code loop.until}. */
    public static Object property(TaskStatus status, Integer exitCode, int attempts, String property) {
        return switch (property) {
            case "succeeded" -> status == TaskStatus.SUCCEEDED;
            case "failed" -> isFailure(status);
            case "skipped" -> status == TaskStatus.SKIPPED;
            case "timed_out" -> status == TaskStatus.TIMED_OUT;
            case "cancelled" -> status == TaskStatus.CANCELLED;
            case "ended" -> status.isTerminal();
            case "exit_code" -> exitCode == null ? null : (Object) exitCode.longValue();
            case "status" -> status.name().toLowerCase(Locale.ROOT);
            case "attempts" -> (long) attempts;
            default -> null;
        };
    }

    public static boolean isFailure(TaskStatus status) {
        return switch (status) {
            case FAILED, TIMED_OUT, RESOURCE_EXCEEDED, LOST, INTERRUPTED -> true;
            default -> false;
        };
    }

    public static String describe(TaskStatus status) {
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

    /** Kahn's order, so every dependency (and alternative) is decided before its dependents in one pass. */
    static List<Node> topologicalOrder(List<Node> nodes) {
        Map<String, Node> byId = new LinkedHashMap<>();
        Map<String, Integer> unmet = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        nodes.forEach(node -> byId.put(node.id(), node));
        for (Node node : nodes) {
            // Only edges within the given nodes count: a partial graph is ordered among itself.
            List<String> waitsFor = waitsFor(node).stream().filter(byId::containsKey).toList();
            unmet.put(node.id(), waitsFor.size());
            waitsFor.forEach(dependency -> dependents.computeIfAbsent(dependency, key -> new ArrayList<>()).add(node.id()));
        }
        Deque<String> free = new ArrayDeque<>();
        byId.keySet().forEach(id -> {
            if (unmet.get(id) == 0) {
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

    private static List<String> waitsFor(Node node) {
        List<String> waitsFor = new ArrayList<>();
        for (Dependency dependency : node.dependencies()) {
            if (!waitsFor.contains(dependency.task())) {
                waitsFor.add(dependency.task());
            }
            if (dependency.onFailure().action() == Dependency.OnFailure.Action.RUN_ALTERNATIVE && !waitsFor.contains(dependency.onFailure().value())) {
                waitsFor.add(dependency.onFailure().value());
            }
        }
        return waitsFor;
    }
}
