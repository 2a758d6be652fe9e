package dev.spool.scheduler.service;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Run;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.repository.AttemptRepository;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.TaskRepository;
import dev.spool.scheduler.mapping.AttemptView;
import dev.spool.scheduler.mapping.RunPage;
import dev.spool.scheduler.mapping.RunView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The read side of runs, for the HTTP API; any replica answers it. */
@ApplicationScoped
public class RunQueries {

    private final RunRepository runs;
    private final TaskRepository tasks;
    private final AttemptRepository attempts;
    private final DefinitionCache definitions;

    public RunQueries(RunRepository runs, TaskRepository tasks, AttemptRepository attempts, DefinitionCache definitions) {
        this.runs = runs;
        this.tasks = tasks;
        this.attempts = attempts;
        this.definitions = definitions;
    }

    @WithSession
    public Uni<RunView> view(UUID runId) {
        return runs.findById(runId)
                .onItem().ifNull().failWith(() -> new RunNotFoundException(runId))
                .chain(run -> tasks.listByRun(runId).chain(runTasks -> definitions.forRun(runId).chain(defs -> attempts
                        .listByIds(runTasks.stream().map(task -> task.currentAttemptId).filter(Objects::nonNull).toList())
                        .map(current -> RunView.of(run, runTasks,
                                current.stream().collect(Collectors.toMap(attempt -> attempt.id, Function.identity())), defs.byRow())))));
    }

    /** A run and how many of its tasks are in each status. */
    public record Progress(Run run, Map<TaskStatus, Long> counts) {
    }

    /** The run and how many of its tasks are in each status, without loading the tasks: cheap to poll. */
    @WithSession
    public Uni<Progress> progress(UUID runId) {
        return runs.findById(runId)
                .onItem().ifNull().failWith(() -> new RunNotFoundException(runId))
                .chain(run -> tasks.countsByStatus(runId).map(counts -> new Progress(run, counts)));
    }

    /** The run, or a 404 that says it does not exist. */
    @WithSession
    public Uni<Run> run(UUID runId) {
        return runs.findById(runId).onItem().ifNull().failWith(() -> new RunNotFoundException(runId));
    }

    /** The context request of a task's latest attempt (its first, when it has not run), or null when it gets none. */
    @WithSession
    public Uni<dev.spool.contracts.context.ContextRequest> contextRequest(UUID runId, String taskId) {
        return task(runId, taskId).chain(task -> definitions.forRun(runId).map(defs -> {
            var request = defs.byTask(taskId).contextRequest();
            return request == null ? null : request.forAttempt(runId, Math.max(1, task.attempt));
        }));
    }

    /** What the run's tasks still to run need of its outputs: asked by the state-service before it prunes. */
    @WithSession
    public Uni<dev.spool.contracts.context.RunNeeds> needs(UUID runId) {
        return run(runId).chain(run -> tasks.listByRun(runId).chain(runTasks -> definitions.forRun(runId).map(defs -> {
            Map<String, dev.spool.contracts.TaskStatus> statuses = new java.util.HashMap<>();
            Map<String, dev.spool.scheduler.model.TaskDefinition> byTask = new java.util.HashMap<>();
            runTasks.forEach(task -> {
                statuses.put(task.taskId, task.status);
                byTask.put(task.taskId, defs.byTask(task.taskId));
            });
            return dev.spool.scheduler.dag.OutputNeeds.of(runId, run.status.isTerminal(), run.cleanup, byTask, statuses);
        })));
    }

    /** The task, after checking that the run and the task exist, so that a 404 can say which one is missing. */
    @WithSession
    public Uni<Task> task(UUID runId, String taskId) {
        return runs.findById(runId)
                .onItem().ifNull().failWith(() -> new RunNotFoundException(runId))
                .chain((Run run) -> tasks.find("runId = ?1 and taskId = ?2", runId, taskId).<Task>firstResult())
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(runId, taskId));
    }

    /** A task's attempts, newest first, after checking that the run and the task exist. */
    public Uni<List<AttemptView>> attempts(UUID runId, String taskId, int max) {
        return task(runId, taskId).chain(task -> Panache.withSession(() -> attempts.listByTask(runId, taskId, max)))
                .map(found -> found.stream().map(AttemptView::of).toList());
    }

    /** Filters of the run listing; each may be null (a null tenant: every tenant's runs). */
    public record RunFilter(String tenant, RunStatus status, String name, Instant createdAfter, Instant createdBefore) {
    }

    /** Runs newest first, a page at a time: the cursor is where the previous page ended, so pages never overlap. */
    @WithSession
    public Uni<RunPage> list(RunFilter filter, int limit, String cursor) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.tenant() != null) {
            where.add("tenant = :tenant");
            parameters.and("tenant", filter.tenant());
        }
        if (filter.status() != null) {
            where.add("status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.name() != null) {
            where.add("name = :name");
            parameters.and("name", filter.name());
        }
        if (filter.createdAfter() != null) {
            where.add("createdAt >= :after");
            parameters.and("after", filter.createdAfter());
        }
        if (filter.createdBefore() != null) {
            where.add("createdAt < :before");
            parameters.and("before", filter.createdBefore());
        }
        if (cursor != null) {
            Cursor position = Cursor.decode(cursor);
            where.add("(createdAt < :cursorAt or (createdAt = :cursorAt and id < :cursorId))");
            parameters.and("cursorAt", position.createdAt()).and("cursorId", position.id());
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return runs.find(query, Sort.descending("createdAt", "id"), parameters).page(0, limit + 1).list().map(found -> {
            boolean more = found.size() > limit;
            List<Run> page = more ? found.subList(0, limit) : found;
            String next = more ? new Cursor(page.getLast().createdAt, page.getLast().id).encode() : null;
            return new RunPage(page.stream().map(run -> new RunPage.RunSummary(run.id, run.name, run.status, run.createdAt, run.finishedAt)).toList(), next);
        });
    }

    record Cursor(Instant createdAt, UUID id) {

        String encode() {
            String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\.", 3);
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor '" + text + "' is not one this API gave out; pass next_cursor from the previous page as it is");
            }
        }
    }
}
