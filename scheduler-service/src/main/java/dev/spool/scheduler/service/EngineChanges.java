package dev.spool.scheduler.service;

import dev.spool.scheduler.dispatch.ReadyTask;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a committed change means for the dispatcher: tasks that became ready, attempts that ended (and no longer
 * count as in flight), and attempts to stop on their workers.
 */
public record EngineChanges(List<ReadyTask> ready, List<UUID> endedAttempts, List<UUID> removedTasks) {

    public static EngineChanges none() {
        return new EngineChanges(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    public EngineChanges plus(EngineChanges other) {
        EngineChanges sum = none();
        sum.ready.addAll(ready);
        sum.ready.addAll(other.ready);
        sum.endedAttempts.addAll(endedAttempts);
        sum.endedAttempts.addAll(other.endedAttempts);
        sum.removedTasks.addAll(removedTasks);
        sum.removedTasks.addAll(other.removedTasks);
        return sum;
    }

    public boolean isEmpty() {
        return ready.isEmpty() && endedAttempts.isEmpty() && removedTasks.isEmpty();
    }
}
