package dev.spool.scheduler.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One action through the gateway, or one failed authentication: who (tenant, token, role; null when no token let
 * anyone in), what, on what, from where, and how it ended (the HTTP status answered).
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    public String tenant;

    public String actor;

    public String role;

    @Column(nullable = false)
    public String action;

    public String target;

    public String source;

    @Column(nullable = false)
    public int outcome;
}
