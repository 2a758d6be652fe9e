package dev.spool.scheduler.repository;

import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<Run, UUID> {

    /** Runs under way or paused: the ones whose limits and pauses the dispatcher applies. */
    public Uni<List<Run>> listActive() {
        return list("status in (?1, ?2)", RunStatus.RUNNING, RunStatus.PAUSED);
    }

    /** The ids of runs that finished before the cutoff, oldest first. */
    public Uni<List<UUID>> finishedBefore(Instant cutoff, int max) {
        return find("select id from Run where finishedAt < ?1", Sort.by("finishedAt"), cutoff).project(UUID.class).page(0, max).list();
    }

    /** The run, locked until the transaction ends, so that events of one run are applied one at a time. */
    /** The tenant's runs not yet finished (runs_tenant_unfinished). */
    public Uni<Long> countUnfinished(String tenant) {
        return count("tenant = ?1 and finishedAt is null", tenant);
    }

    /** The tenant the run belongs to, or null when there is no such run. */
    public Uni<String> tenantOf(UUID id) {
        return find("select tenant from Run where id = ?1", id).project(String.class).firstResult();
    }

    /** Each run's tenant, by run id; runs that do not exist are left out. */
    public Uni<java.util.Map<UUID, String>> tenantsOf(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return find("id in ?1", ids).project(RunTenant.class).list()
                .map(rows -> rows.stream().collect(java.util.stream.Collectors.toMap(RunTenant::id, RunTenant::tenant)));
    }

    /** A run's id with its tenant, as {@link #tenantsOf} reads them. */
    public record RunTenant(UUID id, String tenant) {
    }

    public Uni<Run> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Several runs locked, always in id order, so that two transactions cannot wait for each other. */
    public Uni<List<Run>> lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("id in ?1", Sort.by("id"), ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
