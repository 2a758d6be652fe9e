package dev.spool.scheduler.service;

import dev.spool.scheduler.model.TaskDefinition;
import dev.spool.scheduler.model.TaskDefinitionRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Task definitions never change after submission, so each run's are read from the database once and kept, for the
 * runs used most lately. Every event of a run then reads only the tasks' small state rows.
 */
@ApplicationScoped
public class DefinitionCache {

    private static final int RUNS_KEPT = 64;

    private final Map<UUID, Map<UUID, TaskDefinition>> byRun = Collections.synchronizedMap(new LinkedHashMap<>(RUNS_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Map<UUID, TaskDefinition>> eldest) {
            return size() > RUNS_KEPT;
        }
    });

    /** The run's definitions by task row id; must be called within a session. */
    public Uni<Map<UUID, TaskDefinition>> forRun(UUID runId) {
        Map<UUID, TaskDefinition> cached = byRun.get(runId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return TaskDefinitionRow.<TaskDefinitionRow>list("runId", runId).map(rows -> {
            Map<UUID, TaskDefinition> definitions = new HashMap<>();
            rows.forEach(row -> definitions.put(row.taskRowId, row.definition));
            Map<UUID, TaskDefinition> kept = Collections.unmodifiableMap(definitions);
            byRun.put(runId, kept);
            return kept;
        });
    }

    void put(UUID runId, Map<UUID, TaskDefinition> definitions) {
        byRun.put(runId, Collections.unmodifiableMap(new HashMap<>(definitions)));
    }

    public void forget(UUID runId) {
        byRun.remove(runId);
    }
}
