package dev.spool.scheduler.service;

import dev.spool.contracts.TaskEvent;
import dev.spool.scheduler.model.AttemptProgress;
import dev.spool.scheduler.repository.AttemptRepository;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.TaskRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/** Starts, heartbeats and worker-side ends of attempts, many to a transaction, under their runs' locks. */
@ApplicationScoped
public class AttemptEvents {

    private static final Logger LOG = Logger.getLogger(AttemptEvents.class);

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final AttemptRepository attempts;

    public AttemptEvents(RunRepository runs, TaskRepository tasks, AttemptRepository attempts) {
        this.runs = runs;
        this.tasks = tasks;
        this.attempts = attempts;
    }

    /** Starts and heartbeats, many at once: a start moves a queued, current attempt to RUNNING. */
    @WithTransaction
    public Uni<Void> onEvents(List<TaskEvent> events) {
        // Under the runs' locks, like every other change to their attempts, so that no two transactions wait on each other.
        Uni<Void> chain = runs.lockAll(events.stream().map(TaskEvent::runId).distinct().sorted().toList()).replaceWithVoid();
        for (TaskEvent event : events) {
            chain = switch (event) {
                case TaskEvent.Started started -> chain
                        .chain(() -> attempts.markRunning(started.attemptId(), started.workerId(), started.startedAt()))
                        .chain(() -> tasks.markRunning(started.attemptId(), started.startedAt()))
                        .replaceWithVoid();
                // A heartbeat also proves the attempt started, should its start event have been lost.
                case TaskEvent.Heartbeat beat -> chain
                        .chain(() -> attempts.markRunning(beat.attemptId(), beat.workerId(), beat.at()))
                        .chain(() -> tasks.markRunning(beat.attemptId(), beat.at()))
                        .chain(() -> attempts.heartbeat(beat.attemptId(), beat.at(), AttemptProgress.of(beat)))
                        .replaceWithVoid();
                case TaskEvent.Finished finished -> chain
                        .chain(() -> attempts.finishedOnWorker(finished.attemptId(), finished.at()))
                        .replaceWithVoid();
                case TaskEvent.TimeoutWarning warning -> chain.invoke(() -> LOG.infof(
                        "task %s of run %s (attempt %s) has used 90%% of its %d ms timeout; it will be stopped at %s",
                        warning.taskId(), warning.runId(), warning.attemptId(), warning.timeoutMillis(), warning.deadline()));
            };
        }
        return chain;
    }
}
