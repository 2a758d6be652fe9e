package dev.spool.scheduler.dispatch;

import dev.spool.contracts.TaskDispatch;
import dev.spool.contracts.TaskStatus;
import dev.spool.contracts.TaskTimeout;
import dev.spool.scheduler.model.Attempt;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.model.TaskDefinition;
import dev.spool.scheduler.repository.AttemptRepository;
import dev.spool.scheduler.repository.PublishedAttemptRepository;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.TaskRepository;
import dev.spool.scheduler.service.DefinitionCache;
import dev.spool.scheduler.service.ReadyTask;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the ready tasks the dispatcher took into attempts, committed before they are published, and finds the ones
 * committed but never acknowledged by Kafka, to publish again.
 */
@ApplicationScoped
public class AttemptClaims {

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final AttemptRepository attempts;
    private final PublishedAttemptRepository published;
    private final DefinitionCache definitions;
    private final InstantSource clock;

    public AttemptClaims(RunRepository runs, TaskRepository tasks, AttemptRepository attempts, PublishedAttemptRepository published,
                         DefinitionCache definitions, InstantSource clock) {
        this.runs = runs;
        this.tasks = tasks;
        this.attempts = attempts;
        this.published = published;
        this.definitions = definitions;
        this.clock = clock;
    }

    /** What the dispatcher claimed, and the ready tasks it could not claim (with whether to keep them waiting). */
    public record Claim(List<Claimed> claimed, List<ReadyTask> gone, List<ReadyTask> held) {
    }

    /** @param traceParent the run's submission trace, which the dispatch continues */
    public record Claimed(ReadyTask task, TaskDispatch dispatch, String traceParent) {
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
                                    claimed.add(new Claimed(candidate, dispatch(task, attempt, definition, run.tenant), run.traceParent));
                                }
                            }
                            Uni<Void> persisted = created.isEmpty() ? Uni.createFrom().voidItem() : attempts.persist(created);
                            return persisted.replaceWith(new Claim(claimed, gone, held));
                        });
            });
        });
    }

    private Attempt newAttempt(Task task, TaskDefinition definition, Instant now) {
        Attempt attempt = new Attempt();
        attempt.id = UUID.randomUUID();
        task.queue(attempt.id, now);
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
        return attempt;
    }

    static TaskDispatch dispatch(Task task, Attempt attempt, TaskDefinition definition, String tenant) {
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
                definition.contextRequest() == null ? null : definition.contextRequest().forAttempt(task.runId, attempt.number), tenant);
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
                List<UUID> runIds = pending.stream().map(attempt -> attempt.runId).distinct().toList();
                return runs.tenantsOf(runIds).chain(tenants -> definitions.forRuns(runIds)
                        .map(defs -> pending.stream().filter(attempt -> taskById.containsKey(attempt.taskRowId))
                                .map(attempt -> dispatch(taskById.get(attempt.taskRowId), attempt, defs.get(attempt.taskRowId), tenants.get(attempt.runId)))
                                .toList()));
            });
        });
    }

    @WithTransaction
    public Uni<Void> markPublished(List<UUID> attemptIds, Instant at) {
        return published.markPublished(attemptIds, at);
    }
}
