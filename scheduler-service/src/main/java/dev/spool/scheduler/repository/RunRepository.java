package dev.spool.scheduler.repository;

import dev.spool.scheduler.model.Run;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<Run, UUID> {

    /** The run, locked until the transaction ends, so that events of one run are applied one at a time. */
    public Uni<Run> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
