package dev.spool.state.repository;

import dev.spool.state.model.ObjectDeletion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ObjectDeletionRepository implements PanacheRepositoryBase<ObjectDeletion, String> {

    public Uni<List<ObjectDeletion>> due(Instant now, int max) {
        return find("nextTryAt <= ?1 order by nextTryAt", now).page(Page.ofSize(max)).list();
    }
}
