package dev.spool.scheduler.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Whether PostgreSQL answers right now. When work fails while it does, the work itself is bad (a poison row or
 * message) and is set aside; when it does not, the work waits for the database like everything else.
 */
@ApplicationScoped
public class DatabaseProbe {

    public Uni<Boolean> answers() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("select 1").getSingleResult()))
                .map(result -> true)
                .ifNoItem().after(Duration.ofSeconds(3)).recoverWithItem(false)
                .onFailure().recoverWithItem(false);
    }
}
