package dev.spool.scheduler.repository;

import dev.spool.scheduler.model.WorkerRow;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class WorkerRepository implements PanacheRepositoryBase<WorkerRow, String> {
}
