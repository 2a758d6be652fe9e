package dev.spool.scheduler.repository;

import dev.spool.scheduler.model.TaskDefinitionRow;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The tasks' definitions, as submitted: written once with the run, read back when a replica has no copy in memory. */
@ApplicationScoped
public class TaskDefinitionRepository implements PanacheRepositoryBase<TaskDefinitionRow, UUID> {

    public Uni<List<TaskDefinitionRow>> ofRun(UUID runId) {
        return list("runId", runId);
    }
}
