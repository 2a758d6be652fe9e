package dev.spool.scheduler.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Whom runs, their outputs and their stored objects belong to; tokens are issued to a tenant. */
@Entity
@Table(name = "tenants")
public class Tenant extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The tenant's own quotas; null takes the installation's default. */
    @Column(name = "runs_in_flight")
    public Integer runsInFlight;

    @Column(name = "tasks_per_run")
    public Integer tasksPerRun;

    @Column(name = "submissions_per_minute")
    public Integer submissionsPerMinute;

    @Column(name = "stored_bytes")
    public Long storedBytes;

    public static Tenant named(String name, Instant at) {
        Tenant tenant = new Tenant();
        tenant.name = name;
        tenant.createdAt = at;
        return tenant;
    }
}
