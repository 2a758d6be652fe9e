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

/** One try at running a task. Results name their attempt, so a late result of an old try changes nothing. */
@Entity
@Table(name = "attempts")
public class Attempt extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "task_row_id", nullable = false)
    public UUID taskRowId;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "task_id", nullable = false)
    public String taskId;

    @Column(nullable = false)
    public int number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TaskStatus status;

    @Column(name = "worker_id")
    public String workerId;

    @Column(name = "exit_code")
    public Integer exitCode;

    public String error;

    @Convert(converter = JsonColumns.AttemptOutputsConverter.class)
    public AttemptOutputs outputs;

    @Column(name = "dispatched_at", nullable = false)
    public Instant dispatchedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;

    /** When its worker said it ended: from then on, its lease waits for its result to be recorded. */
    @Column(name = "worker_finished_at")
    public Instant workerFinishedAt;

    @Convert(converter = JsonColumns.AttemptProgressConverter.class)
    public AttemptProgress progress;

    @Column(nullable = false)
    public int iteration;

    /** When a worker must have started it, or it is dispatched again. */
    @Column(name = "start_by")
    public Instant startBy;

    /** The longest the attempt may run; past it (and a grace) the scheduler ends it even if the worker does not. */
    @Column(name = "timeout_millis")
    public Long timeoutMillis;

    @Column(name = "concurrency_key")
    public String concurrencyKey;
}
