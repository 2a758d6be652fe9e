package dev.spool.state.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** The context document a task received at its latest attempt, as JSON. */
@Entity
@Table(name = "context_deliveries")
public class ContextDelivery extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public int attempt;

    @Column(nullable = false)
    public String document;

    @Column(name = "delivered_at", nullable = false)
    public Instant deliveredAt;

    @Embeddable
    public record Key(@Column(name = "run_id") UUID runId, @Column(name = "task_id") String taskId) implements Serializable {
    }
}
