package dev.spool.scheduler.service;

import dev.spool.scheduler.dispatch.ReadyTask;

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

    /** Applies these changes to the dispatcher's queue: a new run's limit before its first ready tasks. */
    public void applyTo(dev.spool.scheduler.dispatch.DispatchQueue queue) {
        runLimits.forEach(queue::setRunLimit);
        endedAttempts.forEach(queue::ended);
        removedTasks.forEach(queue::remove);
        ready.forEach(queue::offer);
    }

    public boolean isEmpty() {
        return ready.isEmpty() && endedAttempts.isEmpty() && removedTasks.isEmpty() && runLimits.isEmpty();
    }
}
