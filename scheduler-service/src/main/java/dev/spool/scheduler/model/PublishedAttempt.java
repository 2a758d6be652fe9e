package dev.spool.scheduler.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Kafka acknowledged this attempt's dispatch; attempts without one are published again after a crash. */
@Entity
@Table(name = "published_attempts")
public class PublishedAttempt extends PanacheEntityBase {

    @Id
    @Column(name = "attempt_id")
    public UUID attemptId;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    public static PublishedAttempt of(UUID attemptId, Instant at) {
        PublishedAttempt published = new PublishedAttempt();
        published.attemptId = attemptId;
        published.publishedAt = at;
        return published;
    }
}
