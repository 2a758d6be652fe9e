package dev.spool.state.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A stored object whose record was pruned, to be deleted from the bucket; kept until the deletion succeeds. */
@Entity
@Table(name = "object_deletions")
public class ObjectDeletion extends PanacheEntityBase {

    @Id
    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(nullable = false)
    public int tries;

    @Column(name = "next_try_at", nullable = false)
    public Instant nextTryAt;

    @Column(name = "last_error")
    public String lastError;
}
