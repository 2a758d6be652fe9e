package dev.spool.state.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** What one stream of one attempt printed, as far as it was kept, and where the full copy lives. */
@Entity
@Table(name = "task_outputs")
public class TaskOutput extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "task_id", nullable = false)
    public String taskId;

    @Column(name = "attempt_id", nullable = false)
    public UUID attemptId;

    @Column(nullable = false)
    public int attempt;

    @Column(nullable = false)
    public String stream;

    @Column(name = "task_status", nullable = false)
    public String taskStatus;

    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(nullable = false)
    public String content;

    @Column(name = "original_bytes", nullable = false)
    public long originalBytes;

    @Column(name = "original_lines", nullable = false)
    public long originalLines;

    @Column(name = "kept_bytes", nullable = false)
    public long keptBytes;

    @Column(nullable = false)
    public boolean truncated;

    @Column(name = "truncation_strategy", nullable = false)
    public String truncationStrategy;

    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "is_binary", nullable = false)
    public boolean binary;

    @Column(name = "object_bytes")
    public Long objectBytes;

    @Column(name = "stored_bytes")
    public Long storedBytes;

    public String sha256;

    @Column(name = "stored_clipped", nullable = false)
    public boolean storedClipped;

    @Column(name = "external_storage_failed", nullable = false)
    public boolean externalStorageFailed;

    @Column(name = "storage_error")
    public String storageError;

    @Column(name = "worker_id")
    public String workerId;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at", nullable = false)
    public Instant completedAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
