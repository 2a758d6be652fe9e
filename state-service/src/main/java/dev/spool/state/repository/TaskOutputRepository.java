package dev.spool.state.repository;

import dev.spool.state.model.TaskOutput;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class TaskOutputRepository implements PanacheRepositoryBase<TaskOutput, UUID> {

    public Uni<Long> countForAttempt(UUID attemptId) {
        return count("attemptId", attemptId);
    }

    /** The stream of the latest attempt of a task, or of the given attempt number. */
    public Uni<TaskOutput> findOutput(UUID runId, String taskId, String stream, Integer attempt) {
        if (attempt != null) {
            return find("runId = ?1 and taskId = ?2 and stream = ?3 and attempt = ?4", runId, taskId, stream, attempt).firstResult();
        }
        return find("runId = ?1 and taskId = ?2 and stream = ?3 order by attempt desc", runId, taskId, stream).firstResult();
    }
}
