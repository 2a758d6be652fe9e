package dev.spool.scheduler.repository;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.model.AttemptProgress;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AttemptRepository implements PanacheRepositoryBase<Attempt, UUID> {

    /** A start counts as the first heartbeat: the lease runs from it. */
    public Uni<Integer> markRunning(UUID attemptId, String workerId, Instant startedAt) {
        return update("status = ?1, workerId = ?2, startedAt = ?3, lastHeartbeatAt = ?3 where id = ?4 and status = ?5",
                TaskStatus.RUNNING, workerId, startedAt, attemptId, TaskStatus.QUEUED);
    }

    /** Only an attempt in flight takes a heartbeat; a late one for an attempt that has ended changes nothing. */
    public Uni<Integer> heartbeat(UUID attemptId, Instant at, AttemptProgress progress) {
        return update("lastHeartbeatAt = ?1, progress = ?2 where id = ?3 and status in (?4, ?5)",
                at, progress, attemptId, TaskStatus.QUEUED, TaskStatus.RUNNING);
    }

    /** The attempt's worker says it ended; its result is on its way to the state-service. */
    public Uni<Integer> finishedOnWorker(UUID attemptId, Instant at) {
        return update("workerFinishedAt = ?1 where id = ?2 and status in (?3, ?4)", at, attemptId, TaskStatus.QUEUED, TaskStatus.RUNNING);
    }

    public Uni<List<Attempt>> listByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }

    /** A task's attempts, newest first. */
    public Uni<List<Attempt>> listByTask(UUID runId, String taskId, int max) {
        return find("runId = ?1 and taskId = ?2", Sort.descending("number"), runId, taskId).page(0, max).list();
    }

    /** Attempts that are dispatched or running: what counts against the limits, and what the leases watch. */
    public Uni<List<Attempt>> listInFlight() {
        return list("status in (?1, ?2)", TaskStatus.QUEUED, TaskStatus.RUNNING);
    }

    public Uni<List<Attempt>> unpublished(Instant dispatchedBefore, int max) {
        return find("from Attempt a where a.status = ?1 and a.dispatchedAt < ?2 and not exists (select 1 from PublishedAttempt p where p.attemptId = a.id)",
                Sort.by("dispatchedAt"), TaskStatus.QUEUED, dispatchedBefore).page(0, max).list();
    }
}
