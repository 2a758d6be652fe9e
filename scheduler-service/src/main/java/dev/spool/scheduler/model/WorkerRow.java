package dev.spool.scheduler.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A worker as it last announced itself: how many attempts it can run at once and how many it runs. */
@Entity
@Table(name = "workers")
public class WorkerRow extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public int capacity;

    @Column(nullable = false)
    public int running;

    @Column(nullable = false)
    public boolean stopping;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    /** Where the gateway reaches it to follow an attempt's output; null from a worker before live output. */
    public String address;
}
