package dev.spool.scheduler.repository;

import dev.spool.scheduler.model.PublishedAttempt;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Which attempts Kafka has acknowledged: kept apart from the attempts, so that noting one never waits on a run's lock. */
@ApplicationScoped
public class PublishedAttemptRepository implements PanacheRepositoryBase<PublishedAttempt, UUID> {

    /** Inserts only, so it never waits on a lock the engine holds; an id recorded before is left as it is. */
    public Uni<Void> markPublished(Collection<UUID> ids, Instant at) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return list("attemptId in ?1", ids).chain(known -> {
            Set<UUID> recorded = new HashSet<>();
            known.forEach(published -> recorded.add(published.attemptId));
            List<PublishedAttempt> fresh = ids.stream().distinct().filter(id -> !recorded.contains(id)).map(id -> PublishedAttempt.of(id, at)).toList();
            return fresh.isEmpty() ? Uni.createFrom().voidItem() : persist(fresh);
        });
    }
}
