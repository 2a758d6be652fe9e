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

    public Uni<List<Attempt>> listByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }

    /** Attempts that are dispatched or running: what counts against the limits, and what the leases watch. */
    public Uni<List<Attempt>> listInFlight() {
        return list("status in (?1, ?2)", TaskStatus.QUEUED, TaskStatus.RUNNING);
    }

    public Uni<List<Attempt>> unpublished(Instant dispatchedBefore, int max) {
        return find("status = ?1 and publishedAt is null and dispatchedAt < ?2", Sort.by("dispatchedAt"), TaskStatus.QUEUED, dispatchedBefore)
                .page(0, max).list();
    }

    public Uni<Integer> markPublished(Collection<UUID> ids, Instant at) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return update("publishedAt = ?1 where id in ?2 and publishedAt is null", at, ids);
    }
}
