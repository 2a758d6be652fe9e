package dev.spool.scheduler.repository;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Task;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<Task, UUID> {

    public Uni<List<Task>> listByRun(UUID runId) {
        return list("runId", Sort.by("position"), runId);
    }

    public Uni<List<Task>> listByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }

    public Uni<List<Task>> listByTaskIds(UUID runId, Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("runId = ?1 and taskId in ?2", runId, taskIds);
    }

    /** The statuses the run's tasks have, each once. */
    public Uni<List<TaskStatus>> statusesOf(UUID runId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select distinct status from Task where runId = ?1", TaskStatus.class)
                .setParameter(1, runId).getResultList());
    }

    /** How many of the run's tasks are in each status; statuses no task has are left out. */
    public Uni<java.util.Map<TaskStatus, Long>> countsByStatus(UUID runId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select status, count(*) from Task where runId = ?1 group by status", Object[].class)
                .setParameter(1, runId).getResultList())
                .map(rows -> {
                    java.util.Map<TaskStatus, Long> counts = new java.util.EnumMap<>(TaskStatus.class);
                    rows.forEach(row -> counts.put((TaskStatus) row[0], (Long) row[1]));
                    return counts;
                });
    }

    /** The tasks made ready since then, still waiting: what another replica readied since the last reconcile. */
    public Uni<List<Task>> listReadySince(Instant since, int max) {
        return find("status = ?1 and readyAt >= ?2", Sort.descending("priority").and("readyAt"), TaskStatus.READY, since).page(0, max).list();
    }

    /** Every task waiting for a dispatch slot, for a dispatcher that has just taken over. */
    public Uni<List<Task>> listReady(int max) {
        return find("status = ?1", Sort.descending("priority").and("readyAt"), TaskStatus.READY).page(0, max).list();
    }

    /** QUEUED → RUNNING, only if that attempt is still the task's current one and nothing ended it meanwhile. */
    public Uni<Integer> markRunning(UUID attemptId, Instant startedAt) {
        return update("status = ?1, startedAt = coalesce(startedAt, ?2) where currentAttemptId = ?3 and status = ?4",
                TaskStatus.RUNNING, startedAt, attemptId, TaskStatus.QUEUED);
    }
}
