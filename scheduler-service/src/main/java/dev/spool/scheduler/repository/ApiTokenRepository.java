package dev.spool.scheduler.repository;

import dev.spool.scheduler.model.ApiToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, UUID> {

    /** The token whose secret hashes to this, valid or not. */
    public Uni<ApiToken> findByHash(byte[] hash) {
        return find("tokenHash", hash).firstResult();
    }

    public Uni<ApiToken> findByName(String tenant, String name) {
        return find("tenant = ?1 and name = ?2", tenant, name).firstResult();
    }

    public Uni<List<ApiToken>> listByTenant(String tenant) {
        return list("tenant", Sort.by("createdAt").and("name"), tenant);
    }
}
