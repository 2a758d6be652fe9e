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

    public static Tenant named(String name, Instant at) {
        Tenant tenant = new Tenant();
        tenant.name = name;
        tenant.createdAt = at;
        return tenant;
    }
}
