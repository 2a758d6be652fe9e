package dev.spool.scheduler.service;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.repository.AttemptRepository;
import dev.spool.scheduler.repository.TaskRepository;
import dev.spool.scheduler.repository.WorkerRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * Where a task's output is to be followed: the worker running its current attempt, or, once it has ended, its
 * recorded output. A task that has not started yet is waited for, a poll every half second for at most
 * {@link #START_WAIT}.
 */
@ApplicationScoped
public class LiveOutputs {

    static final Duration START_WAIT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(500);

    private final RunQueries queries;
    private final TaskRepository tasks;
    private final AttemptRepository attempts;
    private final WorkerRepository workers;

    public LiveOutputs(RunQueries queries, TaskRepository tasks, AttemptRepository attempts, WorkerRepository workers) {
        this.queries = queries;
        this.tasks = tasks;
        this.attempts = attempts;
        this.workers = workers;
    }

    /** Where to read from. */
    public sealed interface Source {
        /** The attempt runs on the worker at {@code address}. */
        record Running(UUID attemptId, int attempt, String address) implements Source {
        }

        /** Nothing runs, or will: the recorded output is all there is. */
        record Ended() implements Source {
        }
    }

    private static final class NotStartedYet extends RuntimeException {
        NotStartedYet() {
            super(null, null, false, false);
        }
    }

    /** After checking that the run and the task exist (a 404 says which is missing). */
    public Uni<Source> source(UUID runId, String taskId) {
        return queries.task(runId, taskId).chain(found -> lookup(runId, taskId)
                .onFailure(NotStartedYet.class).retry().withBackOff(POLL, POLL).expireIn(START_WAIT.toMillis())
                .onFailure(NotStartedYet.class).recoverWithItem(new Source.Ended()));
    }

    private Uni<Source> lookup(UUID runId, String taskId) {
        return Panache.withSession(() -> tasks.find("runId = ?1 and taskId = ?2", runId, taskId).<Task>firstResult().chain(task -> {
            if (task == null || task.status.isTerminal()) {
                return Uni.createFrom().item(new Source.Ended());
            }
            if (task.currentAttemptId == null) {
                return Uni.createFrom().failure(new NotStartedYet());
            }
            return attempts.findById(task.currentAttemptId).chain(attempt -> {
                if (attempt == null || attempt.status != TaskStatus.RUNNING || attempt.workerId == null) {
                    return Uni.createFrom().failure(new NotStartedYet());
                }
                return workers.findById(attempt.workerId).map(worker -> worker == null || worker.address == null
                        ? new Source.Ended() : new Source.Running(attempt.id, attempt.number, worker.address));
            });
        }));
    }
}
