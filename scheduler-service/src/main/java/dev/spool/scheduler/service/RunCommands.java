package dev.spool.scheduler.service;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.TaskRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What an operator asks of a run: cancel it, pause and resume it, run a task again. Each in one transaction, the run locked. */
@ApplicationScoped
public class RunCommands {

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final DefinitionCache definitions;
    private final RunProgression progression;
    private final MeterRegistry metrics;
    private final InstantSource clock;

    public RunCommands(RunRepository runs, TaskRepository tasks, DefinitionCache definitions, RunProgression progression,
                       MeterRegistry metrics, InstantSource clock) {
        this.runs = runs;
        this.tasks = tasks;
        this.definitions = definitions;
        this.progression = progression;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Cancels a run: tasks not yet dispatched end CANCELLED at once; dispatched and running ones are stopped by their
     * workers, on the control order the caller publishes, and report CANCELLED themselves.
     *
     * @throws RunAlreadyEndedException when the run has ended
     */
    @WithTransaction
    public Uni<RunChange<Run>> cancel(UUID runId, String reason) {
        return lockLive(runId).chain(run -> tasks.listByRun(run.id).map(runTasks -> {
            Instant now = clock.instant();
            EngineChanges changes = EngineChanges.none();
            run.cancelRequestedAt = now;
            run.cancelReason = reason;
            for (Task task : runTasks) {
                if (task.status == TaskStatus.PENDING || task.status == TaskStatus.READY) {
                    if (task.status == TaskStatus.READY) {
                        changes.removedTasks().add(task.id);
                    }
                    task.finish(TaskStatus.CANCELLED, RunProgression.cancelReason(run), now);
                }
            }
            RunStatus outcome = RunStatus.of(runTasks.stream().map(task -> task.status).toList());
            if (outcome.isTerminal()) {
                run.status = outcome;
                run.finishedAt = now;
            }
            metrics.counter("spool.scheduler.runs.cancelled").increment();
            return new RunChange<>(run, changes);
        }));
    }

    /** Stops dispatching the run's tasks; those already dispatched run on. */
    @WithTransaction
    public Uni<Run> pause(UUID runId) {
        return lockLive(runId).invoke(run -> {
            if (run.status == RunStatus.PAUSED) {
                return;
            }
            run.status = RunStatus.PAUSED;
            run.pausedAt = clock.instant();
        });
    }

    /** Dispatches the run's ready tasks again. */
    @WithTransaction
    public Uni<Run> resume(UUID runId) {
        return lockLive(runId).invoke(run -> {
            if (run.status != RunStatus.PAUSED) {
                throw new RunNotPausedException(run.id, run.status);
            }
            run.status = RunStatus.RUNNING;
            run.pausedAt = null;
        });
    }

    private Uni<Run> lockLive(UUID runId) {
        return runs.lock(runId)
                .onItem().ifNull().failWith(() -> new RunNotFoundException(runId))
                .invoke(run -> {
                    if (run.status.isTerminal()) {
                        throw new RunAlreadyEndedException(run.id, run.status);
                    }
                });
    }

    /**
     * Runs a task that ended without success again, with fresh tries, and every task downstream of it that has
     * ended. The run goes back to running.
     *
     * @throws TaskNotRetryableException when the task has not ended, or succeeded
     */
    @WithTransaction
    public Uni<RunChange<Run>> retryTask(UUID runId, String taskId) {
        return runs.lock(runId)
                .onItem().ifNull().failWith(() -> new RunNotFoundException(runId))
                .chain(run -> tasks.listByRun(runId).chain(runTasks -> definitions.forRun(runId).map(defs -> {
                    Task target = runTasks.stream().filter(task -> task.taskId.equals(taskId)).findFirst()
                            .orElseThrow(() -> new TaskNotFoundException(runId, taskId));
                    if (run.status == RunStatus.CANCELLED) {
                        throw TaskNotRetryableException.runCancelled(runId, taskId, run.cancelReason);
                    }
                    if (!target.status.isTerminal() || target.status == TaskStatus.SUCCEEDED) {
                        throw new TaskNotRetryableException(runId, taskId, target.status);
                    }
                    Set<String> downstream = downstream(taskId, defs);
                    for (Task task : runTasks) {
                        if (task.taskId.equals(taskId) || (downstream.contains(task.taskId) && task.status.isTerminal())) {
                            task.reset();
                        }
                    }
                    run.cancelRequestedAt = null;
                    run.cancelReason = null;
                    EngineChanges changes = EngineChanges.none();
                    progression.advance(run, runTasks, defs, clock.instant(), changes);
                    metrics.counter("spool.scheduler.tasks.rerun").increment();
                    return new RunChange<>(run, changes);
                })));
    }

    /** Every task that, directly or through others, waits on this one or on what it stands in for. */
    private static Set<String> downstream(String taskId, RunDefinitions defs) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(taskId));
        while (!todo.isEmpty()) {
            for (String dependent : defs.dependentsOf(List.of(todo.removeLast()))) {
                if (seen.add(dependent)) {
                    todo.add(dependent);
                }
            }
        }
        return seen;
    }

}
