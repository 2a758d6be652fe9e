package dev.spool.state.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A tombstone: attempts {@code firstAttempt} to {@code lastAttempt} of one output of one task, pruned by one strategy.
 * Pruning that continues a range extends it, so a long loop keeps one row per output type.
 */
@Entity
@Table(name = "pruned_outputs")
public class PrunedOutputs extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "task_id", nullable = false)
    public String taskId;

    @Column(nullable = false)
    public String stream;

    @Column(nullable = false)
    public String strategy;

    @Column(name = "first_attempt", nullable = false)
    public int firstAttempt;

    @Column(name = "last_attempt", nullable = false)
    public int lastAttempt;

    @Column(nullable = false)
    public long outputs;

    @Column(nullable = false)
    public long bytes;

    @Column(name = "last_pruned_at", nullable = false)
    public Instant lastPrunedAt;
}
