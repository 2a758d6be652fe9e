package dev.spool.scheduler.service;

import dev.spool.contracts.OutputRecorded;
import dev.spool.contracts.TaskDispatch;
import dev.spool.contracts.TaskEvent;
import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.dag.DagPlanner;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.model.AttemptOutputs;
import dev.spool.scheduler.model.AttemptProgress;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.model.TaskDefinition;
import dev.spool.scheduler.repository.AttemptRepository;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.TaskRepository;
import dev.spool.scheduler.workflow.EnvValue;
import dev.spool.scheduler.workflow.TaskSpec;
import dev.spool.scheduler.workflow.WorkflowParser;
import dev.spool.scheduler.workflow.WorkflowSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves runs forward. Every change happens in one transaction with the run's row locked, so events of one
 * run apply one at a time; the attempts it returns are published only after that transaction commits.
 */
@ApplicationScoped
public class RunEngine {

    private static final Logger LOG = Logger.getLogger(RunEngine.class);

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final AttemptRepository attempts;
    private final MeterRegistry metrics;

    public RunEngine(RunRepository runs, TaskRepository tasks, AttemptRepository attempts, MeterRegistry metrics) {
        this.runs = runs;
        this.tasks = tasks;
        this.attempts = attempts;
        this.metrics = metrics;
    }

    @WithTransaction
    public Uni<SubmittedRun> submit(WorkflowSpec spec, String source, WorkflowParser.Format format) {
        Instant now = Instant.now();
        Run run = new Run();
        run.id = UUID.randomUUID();
        run.name = spec.name();
        run.status = RunStatus.RUNNING;
        run.source = source;
        run.sourceFormat = format.name().toLowerCase();
        run.createdAt = now;

        List<Task> runTasks = new ArrayList<>();
        for (int i = 0; i < spec.tasks().size(); i++) {
            runTasks.add(newTask(run, spec, spec.tasks().get(i), i));
        }
        return runs.persist(run)
                .chain(() -> tasks.persist(runTasks))
                .chain(() -> advance(run, runTasks, now))
                .invoke(() -> metrics.counter("spool.scheduler.runs.submitted").increment())
                .map(dispatches -> new SubmittedRun(run, dispatches));
    }

    /** A worker began an attempt. Only a queued, current attempt moves to RUNNING. */
    @WithTransaction
    public Uni<Void> onStarted(TaskEvent.Started started) {
        return attempts.markRunning(started.attemptId(), started.workerId(), started.startedAt())
                .chain(() -> tasks.markRunning(started.attemptId(), started.startedAt()))
                .replaceWithVoid();
    }

    /**
     * Cancels a run: tasks that have not been dispatched end CANCELLED at once; dispatched and running ones are
     * stopped by their workers, on the control order the caller publishes, and report CANCELLED themselves.
     *
     * @return the run, or null when there is no such run
     * @throws RunAlreadyEndedException when the run has ended
     */
    @WithTransaction
    public Uni<Run> cancel(UUID runId, String reason) {
        return runs.lock(runId).chain(run -> {
            if (run == null) {
                return Uni.createFrom().nullItem();
            }
            if (run.status.isTerminal()) {
                return Uni.createFrom().failure(new RunAlreadyEndedException(run.id, run.status));
            }
            return tasks.listByRun(run.id).invoke(runTasks -> {
                Instant now = Instant.now();
                for (Task task : runTasks) {
                    if (task.status == TaskStatus.PENDING) {
                        task.status = TaskStatus.CANCELLED;
                        task.statusReason = reason == null ? "the run was cancelled" : "the run was cancelled: " + reason;
                        task.finishedAt = now;
                    }
                }
                RunStatus outcome = RunStatus.of(runTasks.stream().map(task -> task.status).toList());
                if (outcome.isTerminal()) {
                    run.status = outcome;
                    run.finishedAt = now;
                }
                metrics.counter("spool.scheduler.runs.cancelled").increment();
            }).replaceWith(run);
        });
    }

    /** A running attempt is alive; its progress is kept for readers of the run, and its time for leases. */
    @WithTransaction
    public Uni<Void> onHeartbeat(TaskEvent.Heartbeat beat) {
        return attempts.heartbeat(beat.attemptId(), beat.at(), AttemptProgress.of(beat)).replaceWithVoid();
    }

    /**
     * An attempt's output is recorded: its task ends, and the run moves on. A result for an attempt that is
     * no longer current, or for a task that already ended, is a repeat and changes nothing.
     */
    @WithTransaction
    public Uni<List<TaskDispatch>> onRecorded(OutputRecorded recorded) {
        return runs.lock(recorded.runId()).chain(run -> {
            if (run == null) {
                LOG.warnf("output recorded for unknown run %s; ignored", recorded.runId());
                return Uni.createFrom().item(List.<TaskDispatch>of());
            }
            return tasks.listByRun(run.id).chain(runTasks -> {
                Task task = runTasks.stream().filter(t -> t.taskId.equals(recorded.taskId())).findFirst().orElse(null);
                if (task == null || !recorded.attemptId().equals(task.currentAttemptId) || task.status.isTerminal()) {
                    metrics.counter("spool.scheduler.results.ignored").increment();
                    return Uni.createFrom().item(List.<TaskDispatch>of());
                }
                return attempts.findById(recorded.attemptId())
                        .invoke(attempt -> finish(task, attempt, recorded))
                        .chain(() -> advance(run, runTasks, Instant.now()));
            });
        });
    }

    private void finish(Task task, Attempt attempt, OutputRecorded recorded) {
        task.status = recorded.status();
        task.exitCode = recorded.exitCode();
        task.statusReason = recorded.error();
        task.startedAt = task.startedAt != null ? task.startedAt : recorded.startedAt();
        task.finishedAt = recorded.finishedAt();
        if (attempt != null) {
            attempt.status = recorded.status();
            attempt.exitCode = recorded.exitCode();
            attempt.error = recorded.error();
            attempt.workerId = recorded.workerId();
            attempt.startedAt = attempt.startedAt != null ? attempt.startedAt : recorded.startedAt();
            attempt.finishedAt = recorded.finishedAt();
            attempt.outputs = new AttemptOutputs(recorded.stdout(), recorded.stderr(), recorded.usage());
        }
        metrics.counter("spool.scheduler.tasks.finished", "status", recorded.status().name()).increment();
    }

    /** Skips what can no longer run, queues what can, and ends the run once every task has ended. */
    private Uni<List<TaskDispatch>> advance(Run run, List<Task> runTasks, Instant now) {
        Map<String, Task> byId = runTasks.stream().collect(Collectors.toMap(t -> t.taskId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        DagPlanner.Plan plan = DagPlanner.plan(runTasks.stream()
                .map(task -> new DagPlanner.Node(task.taskId, task.status, task.definition.dependsOn()))
                .toList());

        plan.skipped().forEach((taskId, reason) -> {
            Task task = byId.get(taskId);
            task.status = TaskStatus.SKIPPED;
            task.statusReason = reason;
            task.finishedAt = now;
            metrics.counter("spool.scheduler.tasks.finished", "status", TaskStatus.SKIPPED.name()).increment();
        });

        List<Attempt> newAttempts = new ArrayList<>();
        List<TaskDispatch> dispatches = new ArrayList<>();
        for (String taskId : plan.ready()) {
            Task task = byId.get(taskId);
            Attempt attempt = newAttempt(task, now);
            newAttempts.add(attempt);
            TaskDefinition definition = task.definition;
            dispatches.add(new TaskDispatch(run.id, task.taskId, attempt.id, attempt.number, definition.command(),
                    definition.env(), definition.secretEnv(), definition.limits(), definition.timeout(), definition.resources(),
                    definition.successExitCodes(), definition.keepWorkDir(), now));
        }

        RunStatus outcome = RunStatus.of(runTasks.stream().map(task -> task.status).toList());
        if (outcome.isTerminal() && !run.status.isTerminal()) {
            run.status = outcome;
            run.finishedAt = now;
            metrics.counter("spool.scheduler.runs.finished", "status", outcome.name()).increment();
        }
        if (newAttempts.isEmpty()) {
            return Uni.createFrom().item(dispatches);
        }
        return attempts.persist(newAttempts).replaceWith(dispatches);
    }

    private static Attempt newAttempt(Task task, Instant now) {
        task.attempt += 1;
        task.status = TaskStatus.QUEUED;
        task.queuedAt = now;
        Attempt attempt = new Attempt();
        attempt.id = UUID.randomUUID();
        attempt.taskRowId = task.id;
        attempt.runId = task.runId;
        attempt.taskId = task.taskId;
        attempt.number = task.attempt;
        attempt.status = TaskStatus.QUEUED;
        attempt.dispatchedAt = now;
        task.currentAttemptId = attempt.id;
        return attempt;
    }

    private static Task newTask(Run run, WorkflowSpec spec, TaskSpec taskSpec, int position) {
        Map<String, EnvValue> declared = new LinkedHashMap<>(spec.env());
        declared.putAll(taskSpec.env());
        Map<String, String> env = new LinkedHashMap<>();
        Set<String> secretEnv = new LinkedHashSet<>();
        declared.forEach((name, value) -> {
            env.put(name, value.value());
            if (value.secret()) {
                secretEnv.add(name);
            }
        });
        boolean keepWorkDir = taskSpec.keepWorkDir() != null ? taskSpec.keepWorkDir() : Boolean.TRUE.equals(spec.keepWorkDir());
        Task task = new Task();
        task.id = UUID.randomUUID();
        task.runId = run.id;
        task.taskId = taskSpec.id();
        task.position = position;
        task.status = TaskStatus.PENDING;
        task.definition = new TaskDefinition(taskSpec.effectiveCommand(), env, secretEnv, taskSpec.effectiveLimits(spec.limits()),
                taskSpec.effectiveTimeout(), taskSpec.effectiveResources(), taskSpec.successExitCodes(), keepWorkDir,
                taskSpec.dependsOn());
        return task;
    }
}
