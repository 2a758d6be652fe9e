package dev.spool.scheduler.service;

import dev.spool.scheduler.model.Dependency;
import dev.spool.scheduler.model.TaskDefinition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A run's task definitions and the graph they make, read once: which tasks must be looked at again when one ends,
 * and which others a task's decision reads.
 */
public final class RunDefinitions {

    private final Map<UUID, TaskDefinition> byRow;
    private final Map<String, TaskDefinition> byTask;
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final Map<String, List<String>> primaries = new HashMap<>();

    public RunDefinitions(Map<UUID, TaskDefinition> byRow, Map<String, TaskDefinition> byTask) {
        this.byRow = Map.copyOf(byRow);
        this.byTask = Map.copyOf(byTask);
        byTask.forEach((taskId, definition) -> {
            for (Dependency dependency : definition.dependencies()) {
                dependents.computeIfAbsent(dependency.task(), key -> new ArrayList<>()).add(taskId);
                if (dependency.onFailure().action() == Dependency.OnFailure.Action.RUN_ALTERNATIVE) {
                    String alternative = dependency.onFailure().value();
                    dependents.computeIfAbsent(alternative, key -> new ArrayList<>()).add(taskId);
                    primaries.computeIfAbsent(alternative, key -> new ArrayList<>()).add(dependency.task());
                    // When a primary ends, its alternative is decided: run it, or skip it as not needed.
                    dependents.computeIfAbsent(dependency.task(), key -> new ArrayList<>()).add(alternative);
                }
            }
        });
    }

    public TaskDefinition byRow(UUID taskRowId) {
        return byRow.get(taskRowId);
    }

    public TaskDefinition byTask(String taskId) {
        return byTask.get(taskId);
    }

    public Map<UUID, TaskDefinition> byRow() {
        return byRow;
    }

    /** The tasks to decide again once any of these has ended. */
    public Set<String> dependentsOf(Collection<String> taskIds) {
        Set<String> found = new LinkedHashSet<>();
        taskIds.forEach(taskId -> found.addAll(dependents.getOrDefault(taskId, List.of())));
        return found;
    }

    /** The tasks whose outcome a decision about these reads: dependencies, their alternatives, and what an alternative stands in for. */
    public Set<String> neighboursOf(Collection<String> taskIds) {
        Set<String> found = new LinkedHashSet<>();
        for (String taskId : taskIds) {
            TaskDefinition definition = byTask.get(taskId);
            if (definition == null) {
                continue;
            }
            for (Dependency dependency : definition.dependencies()) {
                found.add(dependency.task());
                if (dependency.onFailure().value() != null && dependency.onFailure().action() == Dependency.OnFailure.Action.RUN_ALTERNATIVE) {
                    found.add(dependency.onFailure().value());
                }
            }
            found.addAll(primaries.getOrDefault(taskId, List.of()));
        }
        return found;
    }
}
