package dev.spool.scheduler.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "runs")
public class Run extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    /** Who submitted it: only that tenant's tokens (and admins) see it. */
    @Column(nullable = false)
    public String tenant;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;

    @Column(nullable = false)
    public String source;

    @Column(name = "source_format", nullable = false)
    public String sourceFormat;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "max_parallel")
    public Integer maxParallel;

    @Column(name = "paused_at")
    public Instant pausedAt;

    @Column(name = "cancel_requested_at")
    public Instant cancelRequestedAt;

    /** The submission's trace (W3C traceparent), continued by each attempt's dispatch; null when tracing is off. */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "cancel_reason")
    public String cancelReason;

    /** {@code limits.cleanup_strategy}; null when the run's outputs are pruned only on request. */
    @jakarta.persistence.Convert(converter = JsonColumns.CleanupPolicyConverter.class)
    public dev.spool.contracts.context.CleanupPolicy cleanup;
}
