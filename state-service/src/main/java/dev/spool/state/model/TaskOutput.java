package dev.spool.state.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import dev.spool.contracts.OutputType;
import dev.spool.contracts.ResourceUsage;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One output of one attempt: a stream as far as it was kept and where its full copy lives, or the task's result
 * object. {@code stream} holds the output type ({@code stdout}, {@code stderr}, {@code result}).
 */
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

    /** Where the kept text is when it was too large to travel in the result; then {@link #content} is empty. */
    @Column(name = "kept_text_key")
    public String keptTextKey;

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

    public String agent;

    /** The tenant of the run, or null for outputs from before tenants. */
    public String tenant;

    /** The highest relevance this output has for a task of its run still to run; kept as it was once none is left. */
    @Column(name = "relevance_score")
    public Double relevanceScore;

    /** When the output was last used as context or read. */
    @Column(name = "last_accessed")
    public Instant lastAccessed;

    @Convert(converter = JsonText.Usage.class)
    public ResourceUsage usage;

    public OutputType outputType() {
        return OutputType.fromWireName(stream);
    }
}
