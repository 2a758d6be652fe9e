package dev.spool.scheduler.service;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.dag.Condition;
import dev.spool.scheduler.dag.DagPlanner;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.model.TaskDefinition;
import dev.spool.scheduler.model.TaskNotes;
import dev.spool.scheduler.repository.AttemptRepository;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.TaskRepository;
import dev.spool.support.Texts;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves runs forward as their attempts end: each run's ends apply in one transaction with the run's row locked, then
 * the cascade through the DAG (dependents readied or skipped, with the reason) and the run's outcome. It never
 * publishes: it returns what changed, and the dispatcher acts on that once the transaction has committed.
 */
@ApplicationScoped
public class RunProgression {

    private static final Logger LOG = Logger.getLogger(RunProgression.class);

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final AttemptRepository attempts;
    private final DefinitionCache definitions;
    private final MeterRegistry metrics;
    private final SchedulerConfig config;
    private final InstantSource clock;

    public RunProgression(RunRepository runs, TaskRepository tasks, AttemptRepository attempts, DefinitionCache definitions,
                          MeterRegistry metrics, SchedulerConfig config, InstantSource clock) {
        this.runs = runs;
        this.tasks = tasks;
        this.attempts = attempts;
        this.definitions = definitions;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
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
                    task.finish(TaskStatus.FAILED, why, now);
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
                task.finish(finish.status(), finish.reason(), attempt.finishedAt);
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
        task.ready(now, notBefore, reason);
        if (task.iteration == 0 && definition.loop() != null) {
            task.iteration = 1;
        }
        changes.ready().add(ReadyTask.of(task, definition));
    }

    /** Decides every pending task of the run, and ends the run once every task has ended. */
    void advance(Run run, List<Task> runTasks, RunDefinitions defs, Instant now, EngineChanges changes) {
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
            task.finish(TaskStatus.SKIPPED, reason, now);
            metrics.counter("spool.scheduler.tasks.finished", "status", TaskStatus.SKIPPED.name()).increment();
        });
        List<String> ended = new ArrayList<>(plan.skipped().keySet());
        for (DagPlanner.Ready ready : plan.ready()) {
            Task task = known.get(ready.id());
            if (run.cancelRequestedAt != null) {
                task.finish(TaskStatus.CANCELLED, cancelReason(run), now);
                ended.add(task.taskId);
                continue;
            }
            TaskNotes notes = new TaskNotes(ready.notes(), ready.defaults());
            task.notes = notes.isEmpty() ? null : notes;
            makeReady(task, defs.byRow(task.id), now, null, null, changes);
        }
        return ended;
    }

    static String cancelReason(Run run) {
        return run.cancelReason == null ? "the run was cancelled" : "the run was cancelled: " + run.cancelReason;
    }
}
