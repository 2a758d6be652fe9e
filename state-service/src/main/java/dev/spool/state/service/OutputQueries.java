package dev.spool.state.service;

import dev.spool.contracts.OutputPage;
import dev.spool.contracts.TaskOutputView;
import dev.spool.contracts.context.ContextMetrics;
import dev.spool.contracts.context.RunWarnings;
import dev.spool.state.mapping.OutputViews;
import dev.spool.state.model.PrunedOutputs;
import dev.spool.state.model.TaskOutput;
import dev.spool.state.repository.OutputFilter;
import dev.spool.state.repository.OutputUseRepository;
import dev.spool.state.repository.PrunedOutputsRepository;
import dev.spool.state.repository.RunContextRepository;
import dev.spool.state.repository.TaskOutputRepository;
import dev.spool.support.rest.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Reads a run's records: one output, a page of them, and their figures. Content is read only when asked for. */
@ApplicationScoped
public class OutputQueries {

    private static final int LARGEST = 10;

    private final TaskOutputRepository outputs;
    private final PrunedOutputsRepository tombstones;
    private final OutputUseRepository uses;
    private final RunContextRepository runs;

    public OutputQueries(TaskOutputRepository outputs, PrunedOutputsRepository tombstones, OutputUseRepository uses,
                         RunContextRepository runs) {
        this.outputs = outputs;
        this.tombstones = tombstones;
        this.uses = uses;
        this.runs = runs;
    }

    /** One output of a task, of its latest attempt unless {@code attempt} names one; 410 when it was pruned. */
    @WithSession
    public Uni<TaskOutputView> output(UUID runId, String taskId, String type, Integer attempt) {
        return outputs.findOutput(runId, taskId, type, attempt).chain(row -> {
            if (row != null) {
                return uses.usersOf(List.of(row.id)).map(users -> OutputViews.view(row, true, users.get(row.id)));
            }
            Uni<PrunedOutputs> stone = attempt == null ? tombstones.latest(runId, taskId, type) : tombstones.covering(runId, taskId, type, attempt);
            return stone.map(found -> {
                if (found == null) {
                    throw new NotFoundException("no " + type + " recorded for task '" + taskId + "' of run " + runId
                            + (attempt == null ? "" : " at attempt " + attempt));
                }
                throw new OutputPrunedException("the " + type + " of task '" + taskId + "' at attempt " + (attempt == null ? found.lastAttempt : attempt)
                        + " was pruned by the " + found.strategy + " cleanup strategy (last pruning of its attempts "
                        + found.firstAttempt + " to " + found.lastAttempt + " at " + found.lastPrunedAt + "); keep more with "
                        + "limits.cleanup_strategy.keep_count, or read an attempt that was kept");
            });
        });
    }

    @WithSession
    public Uni<OutputPage> page(UUID runId, String taskId, String type, String cursor, int limit, boolean withContent) {
        OutputFilter filter = new OutputFilter(runId, taskId, type, Cursor.decode(cursor));
        return outputs.page(filter, limit + 1).chain(rows -> {
            List<TaskOutput> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
            TaskOutput last = shown.isEmpty() ? null : shown.getLast();
            String next = rows.size() > limit ? Cursor.encode(new OutputFilter.Position(last.completedAt, last.taskId, last.attempt, last.stream)) : null;
            return uses.usersOf(shown.stream().map(row -> row.id).toList()).map(users -> new OutputPage(
                    shown.stream().map(row -> OutputViews.view(row, withContent, users.get(row.id))).toList(), next));
        });
    }

    @WithSession
    public Uni<ContextMetrics> metrics(UUID runId) {
        return outputs.totals(runId).chain(totals -> outputs.largest(runId, LARGEST).chain(largest -> runs.findById(runId).map(run ->
                new ContextMetrics(runId, totals.outputs(), totals.keptBytes(), totals.objectBytes(), totals.originalBytes(), totals.truncated(),
                        totals.outputs() == 0 ? 0 : (double) totals.truncated() / totals.outputs(),
                        run == null ? 0 : run.prunedOutputs, run == null ? 0 : run.prunedBytes, run == null ? 0 : run.prunePasses,
                        run == null ? null : run.lastPrunedAt, Math.round(totals.averageRelevance() * 1000) / 1000.0,
                        largest.stream().map(o -> new ContextMetrics.Largest(o.taskId(), o.attempt(), o.stream(), o.originalBytes(),
                                o.keptBytes(), o.objectKey())).toList(),
                        run == null ? List.of() : run.warnings))));
    }

    /** One row by its key: cheap enough for the gateway to ask each time it shows the run. */
    @WithSession
    public Uni<RunWarnings> warnings(UUID runId) {
        return runs.findById(runId).map(run -> new RunWarnings(runId, run == null ? List.of() : run.warnings));
    }

    /** Where a page ends, opaque to callers: the last record's position, as URL-safe base64 of JSON. */
    private static final class Cursor {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
                .findAndRegisterModules();

        static String encode(OutputFilter.Position position) {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(position));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static OutputFilter.Position decode(String cursor) {
            if (cursor == null || cursor.isEmpty()) {
                return null;
            }
            try {
                OutputFilter.Position position = JSON.readValue(Base64.getUrlDecoder().decode(cursor), OutputFilter.Position.class);
                if (position.completedAt() == null || position.taskId() == null || position.stream() == null) {
                    throw new IllegalArgumentException("incomplete");
                }
                return position;
            } catch (RuntimeException | java.io.IOException e) {
                throw new InvalidRequestException("cursor", "cursor is not one this API gave out; pass the next_cursor of the "
                        + "previous page unchanged, or leave it out for the first page");
            }
        }
    }
}
