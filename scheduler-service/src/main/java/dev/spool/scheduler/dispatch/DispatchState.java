package dev.spool.scheduler.dispatch;

import dev.spool.scheduler.service.ReadyTask;
import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.model.TaskDefinition;
import dev.spool.scheduler.model.WorkerRow;
import dev.spool.scheduler.repository.AttemptRepository;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.WorkerRepository;
import dev.spool.scheduler.repository.TaskRepository;
import dev.spool.scheduler.service.DefinitionCache;
import dev.spool.scheduler.service.RunDefinitions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the dispatcher reads from the database when it takes over and at every reconcile. */
@ApplicationScoped
public class DispatchState {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DispatchState.class);

    private static final int MAX_READY = 100_000;

    private final TaskRepository tasks;
    private final AttemptRepository attempts;
    private final RunRepository runs;
    private final WorkerRepository workers;
    private final DefinitionCache definitions;

    public DispatchState(TaskRepository tasks, AttemptRepository attempts, RunRepository runs, WorkerRepository workers,
                         DefinitionCache definitions) {
        this.runs = runs;
        this.workers = workers;
        this.tasks = tasks;
        this.attempts = attempts;
        this.definitions = definitions;
    }

    /** @param capacity the slots of the workers heard from lately */
    public record Snapshot(List<ReadyTask> ready, List<Attempt> inFlight, List<Run> activeRuns, int capacity, int workers) {
    }

    /**
     * @param workerTimeout a worker not heard from for this long does not count
     * @param justTookOver  announcements went unread while no leader ran: count the workers alive at the newest
     *                      announcement instead, until the consumers have caught up
     * @param readySince    only the tasks made ready since then, or null for every ready task
     */
    @WithSession
    public Uni<Snapshot> read(Instant now, java.time.Duration workerTimeout, boolean justTookOver, Instant readySince) {
        Uni<List<Task>> readyRows = readySince == null ? tasks.listReady(MAX_READY) : tasks.listReadySince(readySince, MAX_READY);
        return readyRows.chain(ready -> readyTasks(ready).chain(readyTasks -> attempts.listInFlight()
                .chain(inFlight -> runs.listActive()
                        .chain(active -> workers.listNotStopping()
                                .map(workers -> {
                                    Instant threshold = now.minus(workerTimeout);
                                    if (justTookOver) {
                                        Instant newest = workers.stream().map(worker -> worker.lastSeenAt).max(Instant::compareTo).orElse(now);
                                        threshold = newest.minus(workerTimeout).isBefore(threshold) ? newest.minus(workerTimeout) : threshold;
                                    }
                                    Instant after = threshold;
                                    List<WorkerRow> live = workers.stream().filter(worker -> worker.lastSeenAt.isAfter(after)).toList();
                                    return new Snapshot(readyTasks, inFlight, active, live.stream().mapToInt(worker -> worker.capacity).sum(), live.size());
                                })))));
    }

    private Uni<List<ReadyTask>> readyTasks(List<Task> ready) {
        if (ready.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(ready.stream().map(task -> task.runId).distinct().toList())
                .onItem().transformToUniAndConcatenate(runId -> definitions.forRun(runId)
                        .onFailure().invoke(e -> LOG.errorf(e, "the task definitions of run %s cannot be read; its ready tasks wait", runId))
                        .map(RunDefinitions::byRow)
                        .onFailure().recoverWithItem(Map.of()))
                .collect().asList()
                .map(all -> {
                    Map<UUID, TaskDefinition> defs = new HashMap<>();
                    all.forEach(defs::putAll);
                    return ready.stream().filter(task -> task.status == TaskStatus.READY && defs.containsKey(task.id))
                            .map(task -> ReadyTask.of(task, defs.get(task.id))).toList();
                });
    }
}
