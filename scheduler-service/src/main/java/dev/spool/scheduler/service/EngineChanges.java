package dev.spool.scheduler.service;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a committed change means for the dispatcher: tasks that became ready, attempts that ended (and no longer
 * count as in flight), and attempts to stop on their workers.
 */
public record EngineChanges(List<ReadyTask> ready, List<UUID> endedAttempts, List<UUID> removedTasks, Map<UUID, Integer> runLimits) {

    public static EngineChanges none() {
        return new EngineChanges(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new HashMap<>());
    }

    public void addAll(EngineChanges other) {
        ready.addAll(other.ready);
        endedAttempts.addAll(other.endedAttempts);
        removedTasks.addAll(other.removedTasks);
        runLimits.putAll(other.runLimits);
    }

    public boolean isEmpty() {
        return ready.isEmpty() && endedAttempts.isEmpty() && removedTasks.isEmpty() && runLimits.isEmpty();
    }
}
