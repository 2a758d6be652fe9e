package dev.spool.scheduler.service;

import dev.spool.support.Texts;
import dev.spool.contracts.TaskDispatch;
import dev.spool.contracts.TaskEvent;
import dev.spool.contracts.TaskStatus;
import dev.spool.contracts.TaskTimeout;
import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.dag.Condition;
import dev.spool.scheduler.dag.DagPlanner;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.model.AttemptProgress;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.model.TaskDefinition;
import dev.spool.scheduler.model.TaskDefinitionRow;
import dev.spool.scheduler.model.TaskNotes;
import dev.spool.scheduler.repository.AttemptRepository;
import dev.spool.scheduler.repository.PublishedAttemptRepository;
import dev.spool.scheduler.repository.TaskDefinitionRepository;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.TaskRepository;
import dev.spool.scheduler.workflow.WorkflowCompiler;
import dev.spool.scheduler.workflow.WorkflowIntake;
import dev.spool.scheduler.workflow.WorkflowParser;
import dev.spool.scheduler.workflow.WorkflowSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves runs forward. Every change to a run happens in one transaction with the run's row locked, so the events of
 * one run apply one at a time and in any replica. It never publishes: it returns what changed, and the dispatcher
 * acts on that once the transaction has committed.
 */
@ApplicationScoped
public class RunEngine {

    private static final Logger LOG = Logger.getLogger(RunEngine.class);

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final AttemptRepository attempts;
    private final PublishedAttemptRepository published;
    private final TaskDefinitionRepository taskDefinitions;
    private final DefinitionCache definitions;
    private final MeterRegistry metrics;
    private final SchedulerConfig config;
    private final InstantSource clock;

    public RunEngine(RunRepository runs, TaskRepository tasks, AttemptRepository attempts, PublishedAttemptRepository published,
                     TaskDefinitionRepository taskDefinitions, DefinitionCache definitions, MeterRegistry metrics, SchedulerConfig config,
                     InstantSource clock) {
        this.published = published;
        this.taskDefinitions = taskDefinitions;
        this.runs = runs;
        this.tasks = tasks;
        this.attempts = attempts;
        this.definitions = definitions;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** A stored run and what the dispatcher should do about it. */
    public record Change<T>(T value, EngineChanges changes) {
    }

    @WithTransaction
    public Uni<Change<Run>> submit(WorkflowIntake.Accepted accepted, String source, WorkflowParser.Format format) {
        WorkflowSpec spec = accepted.spec();
        Instant now = clock.instant();
        Run run = new Run();
        run.id = UUID.randomUUID();
        run.name = spec.name();
        run.status = RunStatus.RUNNING;
        run.source = source;
        run.sourceFormat = format.name().toLowerCase(Locale.ROOT);
        run.createdAt = now;
        run.maxParallel = spec.maxParallel();
        run.cleanup = accepted.cleanup();

        List<Task> runTasks = new ArrayList<>();
        List<TaskDefinitionRow> rows = new ArrayList<>();
        Map<UUID, TaskDefinition> byRow = new HashMap<>();
        Map<String, TaskDefinition> byTask = new HashMap<>();
        for (WorkflowCompiler.CompiledTask compiled : accepted.tasks()) {
            Task task = new Task();
            task.id = UUID.randomUUID();
            task.runId = run.id;
            task.taskId = compiled.id();
            task.position = compiled.position();
            task.status = TaskStatus.PENDING;
            task.priority = compiled.definition().priority();
            task.concurrencyKey = compiled.definition().concurrencyKey();
            runTasks.add(task);
            TaskDefinitionRow row = new TaskDefinitionRow();
            row.taskRowId = task.id;
            row.runId = run.id;
            row.taskId = compiled.id();
            row.definition = compiled.definition();
            rows.add(row);
            byRow.put(task.id, compiled.definition());
            byTask.put(compiled.id(), compiled.definition());
        }
        RunDefinitions defs = new RunDefinitions(byRow, byTask);
        definitions.put(run.id, defs);
        return runs.persist(run)
                .chain(() -> tasks.persist(runTasks))
                .chain(() -> taskDefinitions.persist(rows))
                .map(ignored -> {
                    EngineChanges changes = EngineChanges.none();
                    if (run.maxParallel != null) {
                        // The queue must know the run's limit before it sees the run's first ready tasks.
                        changes.runLimits().put(run.id, run.maxParallel);
                    }
                    advance(run, runTasks, defs, now, changes);
                    metrics.counter("spool.scheduler.runs.submitted").increment();
                    return new Change<>(run, changes);
                });
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

    /**
     * Attempts ended. Each run's ends apply in one transaction of their own; an end for an attempt that is no longer
     * its task's current one, or that has ended already, is a repeat and changes nothing.
     */
    public Uni<EngineChanges> onEnds(List<AttemptEnd> ends) {
        Map<UUID, List<AttemptEnd>> byRun = ends.stream().collect(Collectors.groupingBy(AttemptEnd::runId, LinkedHashMap::new, Collectors.toList()));
        return Multi.createFrom().iterable(byRun.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> Panache.withTransaction(() -> applyEnds(entry.getKey(), entry.getValue())))
                .collect().in(EngineChanges::none, EngineChanges::addAll);
    }

    /**
     * Applies a run's ends touching only the tasks concerned: the ended ones, then, as tasks end or are skipped,
     * their dependents and what those read. A run of thousands of tasks costs per event what its neighbourhood does.
     */
    private Uni<EngineChanges> applyEnds(UUID runId, List<AttemptEnd> ends) {
        EngineChanges changes = EngineChanges.none();
        return runs.lock(runId).chain(run -> {
            if (run == null) {
                LOG.warnf("attempt ends for unknown run %s ignored (%d)", runId, ends.size());
                return Uni.createFrom().item(changes);
            }
            return definitions.forRun(runId).chain(defs -> {
                Set<String> ended = ends.stream().map(AttemptEnd::taskId).collect(Collectors.toCollection(LinkedHashSet::new));
                Set<String> wanted = new LinkedHashSet<>(ended);
                wanted.addAll(defs.neighboursOf(ended));
                Map<String, Task> loaded = new HashMap<>();
                return load(runId, wanted, loaded)
                        .chain(() -> attempts.listByIds(ends.stream().map(AttemptEnd::attemptId).toList()))
                        .chain(found -> {
                            Map<UUID, Attempt> byId = found.stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
                            Instant now = clock.instant();
                            List<String> finished = new ArrayList<>();
                            for (AttemptEnd end : ends) {
                                Task task = loaded.get(end.taskId());
                                Attempt attempt = byId.get(end.attemptId());
                                if (task == null || attempt == null || !end.attemptId().equals(task.currentAttemptId)
                                        || task.status.isTerminal() || attempt.status.isTerminal()) {
                                    metrics.counter("spool.scheduler.results.ignored").increment();
                                    continue;
                                }
                                applyEnd(run, task, attempt, defs.byRow(task.id), end, loaded.values(), defs, now, changes);
                                if (task.status.isTerminal()) {
                                    finished.add(task.taskId);
                                }
                            }
                            return cascade(run, defs, loaded, finished, now, changes)
                                    .chain(() -> finished.isEmpty() ? Uni.createFrom().voidItem() : endIfDone(run, now))
                                    .replaceWith(changes);
                        });
            });
        });
    }

    /**
     * Ends a task that Spool itself cannot move on, because something about it fails every time it is handled (a row
     * it cannot claim, a result it cannot apply): FAILED, with the reason, so that its dependents and its run go on and
     * nothing else waits behind it. Its current attempt, if any, ends too; a late result for it is then ignored.
     */
    @WithTransaction
    public Uni<EngineChanges> quarantine(UUID runId, String taskId, String reason) {
        EngineChanges changes = EngineChanges.none();
        String why = Texts.storable(reason, 2_000);
        return runs.lock(runId).chain(run -> {
            if (run == null) {
                return Uni.createFrom().item(changes);
            }
            return definitions.forRun(runId).chain(defs -> {
                Set<String> wanted = new LinkedHashSet<>(List.of(taskId));
                wanted.addAll(defs.neighboursOf(wanted));
                Map<String, Task> loaded = new HashMap<>();
                return load(runId, wanted, loaded).chain(() -> {
                    Task task = loaded.get(taskId);
                    if (task == null || task.status.isTerminal()) {
                        return Uni.createFrom().item(changes);
                    }
                    Instant now = clock.instant();
                    UUID attemptId = task.currentAttemptId;
                    if (task.status == TaskStatus.READY) {
                        changes.removedTasks().add(task.id);
                    } else if (attemptId != null && (task.status == TaskStatus.QUEUED || task.status == TaskStatus.RUNNING)) {
                        changes.endedAttempts().add(attemptId);
                    }
                    task.status = TaskStatus.FAILED;
                    task.statusReason = why;
                    task.finishedAt = now;
                    metrics.counter("spool.scheduler.tasks.quarantined").increment();
                    metrics.counter("spool.scheduler.tasks.finished", "status", TaskStatus.FAILED.name()).increment();
                    Uni<Void> attemptEnded = attemptId == null ? Uni.createFrom().voidItem()
                            : attempts.listByIds(List.of(attemptId)).invoke(found -> found.stream()
                                    .filter(attempt -> !attempt.status.isTerminal())
                                    .forEach(attempt -> {
                                        attempt.status = TaskStatus.FAILED;
                                        attempt.error = why;
                                        attempt.finishedAt = now;
                                    })).replaceWithVoid();
                    return attemptEnded
                            .chain(() -> cascade(run, defs, loaded, List.of(taskId), now, changes))
                            .chain(() -> endIfDone(run, now))
                            .replaceWith(changes);
                });
            });
        });
    }

    /** Loads the tasks named that are not loaded yet. */
    private Uni<Void> load(UUID runId, Set<String> taskIds, Map<String, Task> loaded) {
        List<String> missing = taskIds.stream().filter(taskId -> !loaded.containsKey(taskId)).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tasks.listByTaskIds(runId, missing).invoke(found -> found.forEach(task -> loaded.put(task.taskId, task))).replaceWithVoid();
    }

    /** Decides the dependents of tasks that just ended, then the dependents of any of those it skipped, and so on. */
    private Uni<Void> cascade(Run run, RunDefinitions defs, Map<String, Task> loaded, List<String> ended, Instant now, EngineChanges changes) {
        if (ended.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> candidates = defs.dependentsOf(ended);
        if (candidates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> wanted = new LinkedHashSet<>(candidates);
        wanted.addAll(defs.neighboursOf(candidates));
        candidates.stream().filter(taskId -> defs.byTask(taskId) != null && defs.byTask(taskId).standby())
                .forEach(standby -> wanted.addAll(defs.dependentsOf(List.of(standby))));
        return load(run.id, wanted, loaded).chain(() -> {
            List<String> skipped = decide(run, loaded, defs, candidates, now, changes);
            return cascade(run, defs, loaded, skipped, now, changes);
        });
    }

    /** Ends the run once none of its tasks is left to run. */
    private Uni<Void> endIfDone(Run run, Instant now) {
        return tasks.statusesOf(run.id).invoke(statuses -> settle(run, RunStatus.of(statuses), now)).replaceWithVoid();
    }

    /** The run ends when its tasks have, and runs again when a task of an ended run is re-run. */
    private void settle(Run run, RunStatus outcome, Instant now) {
        if (outcome.isTerminal() && !run.status.isTerminal()) {
            run.status = outcome;
            run.finishedAt = now;
            metrics.counter("spool.scheduler.runs.finished", "status", outcome.name()).increment();
        } else if (!outcome.isTerminal() && run.status.isTerminal()) {
            run.status = run.pausedAt != null ? RunStatus.PAUSED : RunStatus.RUNNING;
            run.finishedAt = null;
        }
    }

    private void applyEnd(Run run, Task task, Attempt attempt, TaskDefinition definition, AttemptEnd end, java.util.Collection<Task> known,
                          RunDefinitions defs, Instant now, EngineChanges changes) {
        attempt.status = end.status();
        attempt.exitCode = end.exitCode();
        attempt.error = end.error();
        attempt.workerId = end.workerId() != null ? end.workerId() : attempt.workerId;
        attempt.startedAt = attempt.startedAt != null ? attempt.startedAt : end.startedAt();
        attempt.finishedAt = end.finishedAt() != null ? end.finishedAt() : now;
        if (end.outputs() != null) {
            attempt.outputs = end.outputs();
            task.result = end.outputs().result();
        }
        changes.endedAttempts().add(attempt.id);
        task.exitCode = end.exitCode();
        task.startedAt = task.startedAt != null ? task.startedAt : attempt.startedAt;
        boolean notStarted = end.neverStarted() && run.cancelRequestedAt == null;
        // Only a loop's until reads the upstream; the other tasks skip building its view.
        Condition.Outcomes dependencies = definition.loop() == null ? (taskId, property) -> null : outcomes(known, defs);
        String iterationResult = end.outputs() == null ? null : end.outputs().result();
        // A bare result.<field> in until reads the iteration that just ended.
        Condition.Outcomes upstream = (taskId, property) -> taskId == null
                ? DagPlanner.resultValue(iterationResult, property) : dependencies.property(taskId, property);
        AttemptOutcome outcome = notStarted
                ? new AttemptOutcome.Retry(now, end.error(), false)
                : AttemptOutcome.decide(definition,
                new AttemptOutcome.TaskState(task.tries + 1, Math.max(1, task.iteration), task.infraRetries, run.cancelRequestedAt != null),
                end.status(), end.exitCode(), end.error(), upstream, now,
                ThreadLocalRandom.current().nextDouble(), config.lostAttemptReruns());
        boolean free = notStarted || (outcome instanceof AttemptOutcome.Retry retry && !retry.charged());
        if (!free) {
            task.tries += 1;
        }
        switch (outcome) {
            case AttemptOutcome.Finish finish -> {
                task.status = finish.status();
                task.statusReason = finish.reason();
                task.finishedAt = attempt.finishedAt;
                metrics.counter("spool.scheduler.tasks.finished", "status", finish.status().name()).increment();
            }
            case AttemptOutcome.Retry retry -> {
                if (!retry.charged() && !notStarted) {
                    task.infraRetries += 1;
                }
                makeReady(task, definition, now, retry.notBefore().isAfter(now) ? retry.notBefore() : null, retry.reason(), changes);
                metrics.counter("spool.scheduler.tasks.retried", "after", end.status().name()).increment();
            }
            case AttemptOutcome.NextIteration next -> {
                task.iteration += 1;
                makeReady(task, definition, now, null, next.reason(), changes);
            }
        }
    }

    private static DagPlanner.Outcomes outcomes(java.util.Collection<Task> known, RunDefinitions defs) {
        Map<String, DagPlanner.Node> nodes = new HashMap<>();
        Map<String, TaskStatus> status = new HashMap<>();
        for (Task task : known) {
            nodes.put(task.taskId, node(task, defs.byRow(task.id)));
            status.put(task.taskId, task.status);
        }
        return new DagPlanner.Outcomes(nodes, status);
    }

    private static DagPlanner.Node node(Task task, TaskDefinition definition) {
        return new DagPlanner.Node(task.taskId, task.status, task.exitCode, task.attempt, definition.dependencies(),
                definition.dependencyStrategy(), definition.when(), definition.standby(), task.result);
    }

    private void makeReady(Task task, TaskDefinition definition, Instant now, Instant notBefore, String reason, EngineChanges changes) {
        task.status = TaskStatus.READY;
        task.statusReason = reason;
        task.readyAt = now;
        task.notBefore = notBefore;
        if (task.iteration == 0 && definition.loop() != null) {
            task.iteration = 1;
        }
        changes.ready().add(readyTask(task, definition));
    }

    public static ReadyTask readyTask(Task task, TaskDefinition definition) {
        return new ReadyTask(task.id, task.runId, task.taskId, task.priority, task.readyAt, task.position, task.notBefore,
                definition.concurrencyKey(), definition.maxConcurrency(), definition.rateLimitPerSecond());
    }

    /** Decides every pending task of the run, and ends the run once every task has ended. */
    private void advance(Run run, List<Task> runTasks, RunDefinitions defs, Instant now, EngineChanges changes) {
        Map<String, Task> byId = runTasks.stream().collect(Collectors.toMap(t -> t.taskId, Function.identity()));
        decide(run, byId, defs, null, now, changes);
        settle(run, RunStatus.of(runTasks.stream().map(task -> task.status).toList()), now);
    }

    /**
     * Skips the candidates that can no longer run and readies those that can.
     *
     * @param candidates the tasks to decide, or null for every pending one
     * @return the tasks it skipped
     */
    private List<String> decide(Run run, Map<String, Task> known, RunDefinitions defs, Set<String> candidates, Instant now, EngineChanges changes) {
        DagPlanner.Plan plan = DagPlanner.plan(known.values().stream().map(task -> node(task, defs.byRow(task.id))).toList(), candidates);
        plan.skipped().forEach((taskId, reason) -> {
            Task task = known.get(taskId);
            task.status = TaskStatus.SKIPPED;
            task.statusReason = reason;
            task.finishedAt = now;
            metrics.counter("spool.scheduler.tasks.finished", "status", TaskStatus.SKIPPED.name()).increment();
        });
        List<String> ended = new ArrayList<>(plan.skipped().keySet());
        for (DagPlanner.Ready ready : plan.ready()) {
            Task task = known.get(ready.id());
            if (run.cancelRequestedAt != null) {
                task.status = TaskStatus.CANCELLED;
                task.statusReason = cancelReason(run);
                task.finishedAt = now;
                ended.add(task.taskId);
                continue;
            }
            TaskNotes notes = new TaskNotes(ready.notes(), ready.defaults());
            task.notes = notes.isEmpty() ? null : notes;
            makeReady(task, defs.byRow(task.id), now, null, null, changes);
        }
        return ended;
    }

    private static String cancelReason(Run run) {
        return run.cancelReason == null ? "the run was cancelled" : "the run was cancelled: " + run.cancelReason;
    }

    /** What the dispatcher claimed, and the ready tasks it could not claim (with whether to keep them waiting). */
    public record Claim(List<Claimed> claimed, List<ReadyTask> gone, List<ReadyTask> held) {
    }

    public record Claimed(ReadyTask task, TaskDispatch dispatch) {
    }

    /**
     * Turns ready tasks into attempts, in one transaction. A task that is no longer READY is gone; one whose run is
     * paused is held until the run resumes.
     */
    @WithTransaction
    public Uni<Claim> claim(List<ReadyTask> ready) {
        List<UUID> runIds = ready.stream().map(ReadyTask::runId).distinct().sorted().toList();
        return runs.lockAll(runIds).chain(locked -> {
            Map<UUID, Run> runById = locked.stream().collect(Collectors.toMap(run -> run.id, Function.identity()));
            return tasks.listByIds(ready.stream().map(ReadyTask::taskRowId).toList()).chain(found -> {
                Map<UUID, Task> taskById = found.stream().collect(Collectors.toMap(task -> task.id, Function.identity()));
                return definitions.forRuns(runIds)
                        .chain(defs -> {
                            Instant now = clock.instant();
                            List<Claimed> claimed = new ArrayList<>();
                            List<ReadyTask> gone = new ArrayList<>();
                            List<ReadyTask> held = new ArrayList<>();
                            List<Attempt> created = new ArrayList<>();
                            for (ReadyTask candidate : ready) {
                                Task task = taskById.get(candidate.taskRowId());
                                Run run = runById.get(candidate.runId());
                                if (task == null || run == null || task.status != TaskStatus.READY || run.status.isTerminal()
                                        || run.cancelRequestedAt != null) {
                                    gone.add(candidate);
                                } else if (run.status == RunStatus.PAUSED) {
                                    held.add(candidate);
                                } else {
                                    TaskDefinition definition = defs.get(task.id);
                                    Attempt attempt = newAttempt(task, definition, now);
                                    created.add(attempt);
                                    claimed.add(new Claimed(candidate, dispatch(task, attempt, definition)));
                                }
                            }
                            Uni<Void> persisted = created.isEmpty() ? Uni.createFrom().voidItem() : attempts.persist(created);
                            return persisted.replaceWith(new Claim(claimed, gone, held));
                        });
            });
        });
    }

    private Attempt newAttempt(Task task, TaskDefinition definition, Instant now) {
        task.attempt += 1;
        task.status = TaskStatus.QUEUED;
        task.queuedAt = now;
        task.notBefore = null;
        Attempt attempt = new Attempt();
        attempt.id = UUID.randomUUID();
        attempt.taskRowId = task.id;
        attempt.runId = task.runId;
        attempt.taskId = task.taskId;
        attempt.number = task.attempt;
        attempt.iteration = task.iteration;
        attempt.status = TaskStatus.QUEUED;
        attempt.dispatchedAt = now;
        attempt.startBy = now.plusMillis(definition.scheduleToStartMillis());
        attempt.timeoutMillis = switch (definition.timeout()) {
            case TaskTimeout.Fixed fixed -> fixed.millis();
            case TaskTimeout.Adaptive adaptive -> adaptive.maxMillis();
        };
        attempt.concurrencyKey = definition.concurrencyKey();
        task.currentAttemptId = attempt.id;
        return attempt;
    }

    static TaskDispatch dispatch(Task task, Attempt attempt, TaskDefinition definition) {
        Map<String, String> env = new LinkedHashMap<>(definition.env());
        if (definition.loop() != null) {
            env.put("SPOOL_ITERATION", Integer.toString(attempt.iteration));
        }
        if (task.notes != null) {
            task.notes.defaults().forEach((dependency, text) ->
                    env.put("SPOOL_DEFAULT_OUTPUT_" + dependency.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), text));
        }
        return new TaskDispatch(task.runId, task.taskId, attempt.id, attempt.number, definition.command(), env, definition.secretEnv(),
                definition.limits(), definition.timeout(), definition.resources(), definition.successExitCodes(), definition.keepWorkDir(),
                attempt.dispatchedAt, definition.secretRefs(), definition.agent(),
                definition.contextRequest() == null ? null : definition.contextRequest().forAttempt(task.runId, attempt.number));
    }

    /** Attempts committed but not yet acknowledged by Kafka: sent again after a crash or a failed publish. */
    @WithTransaction
    public Uni<List<TaskDispatch>> unpublished(Instant dispatchedBefore, int max) {
        return attempts.unpublished(dispatchedBefore, max).chain(pending -> {
            if (pending.isEmpty()) {
                return Uni.createFrom().item(List.<TaskDispatch>of());
            }
            return tasks.listByIds(pending.stream().map(attempt -> attempt.taskRowId).toList()).chain(found -> {
                Map<UUID, Task> taskById = found.stream().collect(Collectors.toMap(task -> task.id, Function.identity()));
                return definitions.forRuns(pending.stream().map(attempt -> attempt.runId).toList())
                        .map(defs -> pending.stream().filter(attempt -> taskById.containsKey(attempt.taskRowId))
                                .map(attempt -> dispatch(taskById.get(attempt.taskRowId), attempt, defs.get(attempt.taskRowId)))
                                .toList());
            });
        });
    }

    @WithTransaction
    public Uni<Void> markPublished(List<UUID> attemptIds, Instant at) {
        return published.markPublished(attemptIds, at);
    }

    /**
     * Cancels a run: tasks not yet dispatched end CANCELLED at once; dispatched and running ones are stopped by their
     * workers, on the control order the caller publishes, and report CANCELLED themselves.
     *
     * @throws RunAlreadyEndedException when the run has ended
     */
    @WithTransaction
    public Uni<Change<Run>> cancel(UUID runId, String reason) {
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
                    task.status = TaskStatus.CANCELLED;
                    task.statusReason = cancelReason(run);
                    task.finishedAt = now;
                }
            }
            RunStatus outcome = RunStatus.of(runTasks.stream().map(task -> task.status).toList());
            if (outcome.isTerminal()) {
                run.status = outcome;
                run.finishedAt = now;
            }
            metrics.counter("spool.scheduler.runs.cancelled").increment();
            return new Change<>(run, changes);
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
    public Uni<Change<Run>> retryTask(UUID runId, String taskId) {
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
                            reset(task);
                        }
                    }
                    run.cancelRequestedAt = null;
                    run.cancelReason = null;
                    EngineChanges changes = EngineChanges.none();
                    advance(run, runTasks, defs, clock.instant(), changes);
                    metrics.counter("spool.scheduler.tasks.rerun").increment();
                    return new Change<>(run, changes);
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

    private static void reset(Task task) {
        task.status = TaskStatus.PENDING;
        task.statusReason = null;
        task.exitCode = null;
        task.tries = 0;
        task.infraRetries = 0;
        task.iteration = 0;
        task.notes = null;
        task.notBefore = null;
        task.startedAt = null;
        task.finishedAt = null;
    }
}
