package dev.spool.scheduler.repository;

import dev.spool.scheduler.model.WorkerRow;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class WorkerRepository implements PanacheRepositoryBase<WorkerRow, String> {

    /** Workers that have not said they are stopping; whether they were heard from lately is the caller's to judge. */
    public Uni<List<WorkerRow>> listNotStopping() {
        return list("stopping = false");
    }
}
