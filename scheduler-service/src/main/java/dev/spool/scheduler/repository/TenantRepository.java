package dev.spool.scheduler.repository;

import dev.spool.scheduler.model.Tenant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {

    /** The tenant, locked until the transaction ends: a tenant's submissions are counted against its quotas one at a time. */
    public Uni<Tenant> lock(String name) {
        return findById(name, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<Tenant>> listByName() {
        return listAll(Sort.by("name"));
    }
}
