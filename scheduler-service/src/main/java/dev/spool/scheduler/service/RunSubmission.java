package dev.spool.scheduler.service;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.model.TaskDefinition;
import dev.spool.scheduler.model.TaskDefinitionRow;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.TaskDefinitionRepository;
import dev.spool.scheduler.repository.TaskRepository;
import dev.spool.scheduler.workflow.WorkflowCompiler;
import dev.spool.scheduler.workflow.WorkflowIntake;
import dev.spool.scheduler.workflow.WorkflowParser;
import dev.spool.scheduler.workflow.WorkflowSpec;
import dev.spool.support.tracing.AttemptSpans;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Stores a submitted run, its tasks and their definitions in one transaction, and readies the tasks that may start. */
@ApplicationScoped
public class RunSubmission {

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final TaskDefinitionRepository taskDefinitions;
    private final DefinitionCache definitions;
    private final RunProgression progression;
    private final MeterRegistry metrics;
    private final InstantSource clock;
    private final TenantQuotas quotas;
    private final InlineSecrets secrets;

    public RunSubmission(RunRepository runs, TaskRepository tasks, TaskDefinitionRepository taskDefinitions, DefinitionCache definitions,
                         RunProgression progression, MeterRegistry metrics, InstantSource clock, TenantQuotas quotas, InlineSecrets secrets) {
        this.secrets = secrets;
        this.runs = runs;
        this.tasks = tasks;
        this.taskDefinitions = taskDefinitions;
        this.definitions = definitions;
        this.progression = progression;
        this.metrics = metrics;
        this.clock = clock;
        this.quotas = quotas;
    }

    @WithTransaction
    public Uni<RunChange<Run>> submit(WorkflowIntake.Accepted accepted, String source, WorkflowParser.Format format, String tenant) {
        WorkflowSpec spec = accepted.spec();
        Instant now = clock.instant();
        Run run = new Run();
        run.id = UUID.randomUUID();
        run.name = spec.name();
        run.tenant = tenant;
        run.status = RunStatus.RUNNING;
        List<WorkflowCompiler.CompiledTask> compiledTasks = secrets.sealed(accepted.tasks());
        run.source = secrets.keptSource(source, format, compiledTasks);
        run.sourceFormat = format.name().toLowerCase(Locale.ROOT);
        run.createdAt = now;
        run.traceParent = AttemptSpans.currentTraceParent();
        run.maxParallel = spec.maxParallel();
        run.cleanup = accepted.cleanup();

        List<Task> runTasks = new ArrayList<>();
        List<TaskDefinitionRow> rows = new ArrayList<>();
        Map<UUID, TaskDefinition> byRow = new HashMap<>();
        Map<String, TaskDefinition> byTask = new HashMap<>();
        for (WorkflowCompiler.CompiledTask compiled : compiledTasks) {
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
        return quotas.admit(tenant, runTasks.size())
                .invoke(() -> definitions.put(run.id, defs))
                .chain(() -> runs.persist(run))
                .chain(() -> tasks.persist(runTasks))
                .chain(() -> taskDefinitions.persist(rows))
                .map(ignored -> {
                    EngineChanges changes = EngineChanges.none();
                    if (run.maxParallel != null) {
                        // The queue must know the run's limit before it sees the run's first ready tasks.
                        changes.runLimits().put(run.id, run.maxParallel);
                    }
                    progression.advance(run, runTasks, defs, now, changes);
                    metrics.counter("spool.scheduler.runs.submitted").increment();
                    return new RunChange<>(run, changes);
                });
    }
}
