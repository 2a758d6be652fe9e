package dev.spool.scheduler.service;

import dev.spool.scheduler.model.TaskDefinition;
import dev.spool.scheduler.repository.TaskDefinitionRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Task definitions never change after submission, so each run's are read from the database once and kept, for the
 * runs used most lately. Every event of a run then reads only the small state rows of the tasks it touches.
 */
@ApplicationScoped
public class DefinitionCache {

    private static final int RUNS_KEPT = 64;

    private final TaskDefinitionRepository rows;

    public DefinitionCache(TaskDefinitionRepository rows) {
        this.rows = rows;
    }

    private final Map<UUID, RunDefinitions> byRun = Collections.synchronizedMap(new LinkedHashMap<>(RUNS_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, RunDefinitions> eldest) {
            return size() > RUNS_KEPT;
        }
    });

    /** The run's definitions; must be called within a session. */
    public Uni<RunDefinitions> forRun(UUID runId) {
        RunDefinitions cached = byRun.get(runId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return rows.ofRun(runId).map(rows -> {
            Map<UUID, TaskDefinition> byRow = new HashMap<>();
            Map<String, TaskDefinition> byTask = new HashMap<>();
            rows.forEach(row -> {
                byRow.put(row.taskRowId, row.definition);
                byTask.put(row.taskId, row.definition);
            });
            RunDefinitions definitions = new RunDefinitions(byRow, byTask);
            byRun.put(runId, definitions);
            return definitions;
        });
    }

    /** The definitions of several runs' tasks, by task row id; must be called within a session. */
    public Uni<Map<UUID, TaskDefinition>> forRuns(Collection<UUID> runIds) {
        return Multi.createFrom().iterable(Set.copyOf(runIds))
                .onItem().transformToUniAndConcatenate(this::forRun)
                .collect().in(HashMap<UUID, TaskDefinition>::new, (all, run) -> all.putAll(run.byRow()))
                .map(Collections::unmodifiableMap);
    }

    void put(UUID runId, RunDefinitions definitions) {
        byRun.put(runId, definitions);
    }

    public void forget(UUID runId) {
        byRun.remove(runId);
    }
}
