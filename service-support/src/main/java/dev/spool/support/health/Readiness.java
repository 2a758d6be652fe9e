package dev.spool.support.health;

import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Whether the service's servers (its database, Kafka, its bucket) answer right now, by the same checks as
 * {@code /q/health/ready}. Work that fails while they do is bad in itself (a poison row or message) and is set aside;
 * work that fails while they do not waits for them like everything else.
 */
@ApplicationScoped
public class Readiness {

    private final SmallRyeHealthReporter health;

    public Readiness(SmallRyeHealthReporter health) {
        this.health = health;
    }

    public Uni<Boolean> ready() {
        return health.getReadinessAsync()
                .map(report -> !report.isDown())
                .ifNoItem().after(Duration.ofSeconds(5)).recoverWithItem(false)
                .onFailure().recoverWithItem(false);
    }
}
