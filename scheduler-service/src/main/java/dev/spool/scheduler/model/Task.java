package dev.spool.scheduler.model;

import dev.spool.contracts.TaskStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A task of a run, with the state of its current attempt. Its definition is kept apart, in {@link TaskDefinitionRow}. */
@Entity
@Table(name = "tasks")
public class Task extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "task_id", nullable = false)
    public String taskId;

    @Column(nullable = false)
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TaskStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "current_attempt_id")
    public UUID currentAttemptId;

    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(name = "queued_at")
    public Instant queuedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(nullable = false)
    public int priority;

    @Column(name = "ready_at")
    public Instant readyAt;

    @Column(name = "not_before")
    public Instant notBefore;

    @Column(nullable = false)
    public int tries;

    @Column(name = "infra_retries", nullable = false)
    public int infraRetries;

    @Column(nullable = false)
    public int iteration;

    @Column(name = "concurrency_key")
    public String concurrencyKey;

    @Convert(converter = JsonColumns.TaskNotesConverter.class)
    public TaskNotes notes;

    /** The JSON object the latest attempt left in SPOOL_RESULT_FILE, as text; what {@code when} conditions read. */
    public String result;

    /** Waits for a dispatch slot, from now (and not before {@code notBefore}, a retry's backoff, when given). */
    public void ready(Instant now, Instant notBefore, String reason) {
        status = TaskStatus.READY;
        statusReason = reason;
        readyAt = now;
        this.notBefore = notBefore;
    }

    /** Its next attempt is committed and on its way to a worker. */
    public void queue(UUID attemptId, Instant now) {
        attempt += 1;
        status = TaskStatus.QUEUED;
        queuedAt = now;
        notBefore = null;
        currentAttemptId = attemptId;
    }

    /** Ends it for good: succeeded, failed, skipped or cancelled, with why. */
    public void finish(TaskStatus outcome, String reason, Instant at) {
        status = outcome;
        statusReason = reason;
        finishedAt = at;
    }

    /** Back to waiting on its dependencies, with its tries afresh: an operator runs it again. */
    public void reset() {
        status = TaskStatus.PENDING;
        statusReason = null;
        exitCode = null;
        tries = 0;
        infraRetries = 0;
        iteration = 0;
        notes = null;
        notBefore = null;
        startedAt = null;
        finishedAt = null;
    }
}
