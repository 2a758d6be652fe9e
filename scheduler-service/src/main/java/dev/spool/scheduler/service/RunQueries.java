package dev.spool.scheduler.service;

import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.repository.AttemptRepository;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.TaskRepository;
import dev.spool.scheduler.rest.RunView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The read side of runs, for the HTTP API. */
@ApplicationScoped
public class RunQueries {

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final AttemptRepository attempts;

    public RunQueries(RunRepository runs, TaskRepository tasks, AttemptRepository attempts) {
        this.runs = runs;
        this.tasks = tasks;
        this.attempts = attempts;
    }

    @WithSession
    public Uni<RunView> view(UUID runId) {
        return runs.findById(runId)
                .onItem().ifNull().failWith(() -> new RunNotFoundException(runId))
                .chain(run -> tasks.listByRun(runId).chain(runTasks -> attempts
                        .listByIds(runTasks.stream().map(task -> task.currentAttemptId).filter(Objects::nonNull).toList())
                        .map(current -> RunView.of(run, runTasks,
                                current.stream().collect(Collectors.toMap(attempt -> attempt.id, Function.identity()))))));
    }

    /** The task, after checking that the run and the task exist, so that a 404 can say which one is missing. */
    @WithSession
    public Uni<Task> task(UUID runId, String taskId) {
        return runs.findById(runId)
                .onItem().ifNull().failWith(() -> new RunNotFoundException(runId))
                .chain((Run run) -> tasks.find("runId = ?1 and taskId = ?2", runId, taskId).<Task>firstResult())
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(runId, taskId));
    }
}
