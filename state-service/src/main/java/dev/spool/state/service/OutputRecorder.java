package dev.spool.state.service;

import dev.spool.support.Texts;
import dev.spool.contracts.CapturedOutput;
import dev.spool.contracts.TaskResult;
import dev.spool.state.model.TaskOutput;
import dev.spool.contracts.OutputType;
import dev.spool.state.repository.RunContextRepository;
import dev.spool.state.repository.TaskOutputRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns a worker's result into TaskOutput rows, once per attempt however often the result arrives. */
@ApplicationScoped
public class OutputRecorder {

    private final TaskOutputRepository outputs;
    private final RunContextRepository runs;
    private final MeterRegistry metrics;

    public OutputRecorder(TaskOutputRepository outputs, RunContextRepository runs, MeterRegistry metrics) {
        this.outputs = outputs;
        this.runs = runs;
        this.metrics = metrics;
    }

    /**
     * Several results in one transaction; each attempt recorded before (or twice in the batch) is skipped. The batch
     * asks once which of its attempts are recorded, then writes all its rows: its cost grows with its size, not with
     * its square, as it would if each result were checked on its own after the rows before it were flushed.
     */
    @WithTransaction
    public Uni<Void> recordAll(List<TaskResult> results) {
        return recordNew(results).replaceWithVoid();
    }

    /** @return true when the rows were written now, false when this attempt was recorded before */
    @WithTransaction
    public Uni<Boolean> record(TaskResult result) {
        return recordNew(List.of(result)).map(recorded -> recorded > 0);
    }

    /** @return how many of the results were recorded now */
    private Uni<Integer> recordNew(List<TaskResult> results) {
        Set<UUID> attempts = new LinkedHashSet<>();
        results.forEach(result -> attempts.add(result.attemptId()));
        return outputs.recordedAttempts(attempts).chain(recorded -> {
            Set<UUID> seen = new HashSet<>(recorded);
            Instant now = Instant.now();
            List<TaskOutput> rows = new ArrayList<>();
            Map<UUID, Integer> perRun = new LinkedHashMap<>();
            List<TaskResult> fresh = new ArrayList<>();
            for (TaskResult result : results) {
                if (!seen.add(result.attemptId())) {
                    metrics.counter("spool.state.results.duplicate").increment();
                    continue;
                }
                int before = rows.size();
                rows.add(row(result, result.stdout(), now));
                rows.add(row(result, result.stderr(), now));
                if (result.result() != null) {
                    rows.add(resultRow(result, now));
                }
                perRun.merge(result.runId(), rows.size() - before, Integer::sum);
                fresh.add(result);
            }
            if (rows.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            // One count per run and batch: the run's row is made once, however many of its results the batch holds.
            return outputs.persist(rows).chain(() -> runs.countRecorded(perRun))
                    .invoke(() -> fresh.forEach(this::count)).replaceWith(fresh.size());
        });
    }

    private void count(TaskResult result) {
        metrics.counter("spool.state.outputs.recorded", "status", result.status().name()).increment();
        metrics.counter("spool.state.kept.bytes").increment(result.stdout().keptBytes() + result.stderr().keptBytes());
        for (CapturedOutput stream : List.of(result.stdout(), result.stderr())) {
            if (stream.truncated()) {
                metrics.counter("spool.state.outputs.truncated", "strategy", stream.strategy().wireName()).increment();
            }
            if (stream.storedObject() != null) {
                metrics.counter("spool.state.stored.bytes").increment(stream.storedObject().objectBytes());
            }
        }
    }

    /** The JSON object the task left in SPOOL_RESULT_FILE: an output of its own, kept whole (the worker bounds it). */
    private static TaskOutput resultRow(TaskResult result, Instant now) {
        TaskOutput row = base(result, now);
        row.stream = OutputType.RESULT.wireName();
        row.content = result.result();
        long bytes = result.result().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        row.originalBytes = bytes;
        row.keptBytes = bytes;
        row.originalLines = result.result().chars().filter(c -> c == '\n').count();
        row.truncationStrategy = result.stdout().strategy().wireName();
        return row;
    }

    private static TaskOutput base(TaskResult result, Instant now) {
        TaskOutput row = new TaskOutput();
        row.id = UUID.randomUUID();
        row.runId = result.runId();
        row.taskId = result.taskId();
        row.attemptId = result.attemptId();
        row.attempt = result.attempt();
        row.taskStatus = result.status().name();
        row.exitCode = result.exitCode();
        row.workerId = Texts.storable(result.workerId(), 200);
        row.agent = Texts.storable(result.agent(), 200);
        row.tenant = Texts.storable(result.tenant(), 200);
        row.usage = result.usage();
        row.startedAt = result.startedAt();
        row.completedAt = result.finishedAt();
        row.recordedAt = now;
        return row;
    }

    private static TaskOutput row(TaskResult result, CapturedOutput captured, Instant now) {
        TaskOutput row = base(result, now);
        row.stream = captured.stream().wireName();
        // PostgreSQL text cannot hold NUL; binary output keeps its length and loses only that byte's value.
        row.content = captured.text().replace('\0', '\uFFFD');
        row.originalBytes = captured.originalBytes();
        row.originalLines = captured.originalLines();
        row.keptBytes = captured.keptBytes();
        row.truncated = captured.truncated();
        row.truncationStrategy = captured.strategy().wireName();
        row.binary = captured.binary();
        if (captured.storedObject() != null) {
            row.objectKey = captured.storedObject().key();
            row.objectBytes = captured.storedObject().objectBytes();
            row.storedBytes = captured.storedObject().storedBytes();
            row.sha256 = captured.storedObject().sha256();
            row.storedClipped = captured.storedObject().clipped();
        }
        if (captured.keptTextObject() != null) {
            row.keptTextKey = captured.keptTextObject().key();
        }
        row.externalStorageFailed = captured.externalStorageFailed();
        row.storageError = Texts.storable(captured.storageError(), 2_000);
        return row;
    }
}
