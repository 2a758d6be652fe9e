package dev.spool.scheduler.repository;

import dev.spool.scheduler.model.Tenant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {

    public Uni<List<Tenant>> listByName() {
        return listAll(Sort.by("name"));
    }
}
