package dev.spool.scheduler.mapping;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A run as {@code GET /api/v1/runs/{id}/status} shows it: its status, and how many of its tasks are in each status.
 *
 * @param tasks every task status, with how many tasks have it (0 for none)
 * @param total how many tasks the run has
 */
public record RunProgress(UUID id, String name, RunStatus status, Instant createdAt, Instant finishedAt, Instant pausedAt,
                          Map<TaskStatus, Long> tasks, long total) {

    public static RunProgress of(Run run, Map<TaskStatus, Long> counts) {
        Map<TaskStatus, Long> all = new java.util.EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            all.put(status, counts.getOrDefault(status, 0L));
        }
        return new RunProgress(run.id, run.name, run.status, run.createdAt, run.finishedAt, run.pausedAt, all,
                counts.values().stream().mapToLong(Long::longValue).sum());
    }
}
