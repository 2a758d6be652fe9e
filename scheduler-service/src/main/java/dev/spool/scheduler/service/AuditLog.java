package dev.spool.scheduler.service;

import dev.spool.scheduler.mapping.AuditPage;
import dev.spool.scheduler.model.AuditEntry;
import dev.spool.scheduler.repository.AuditRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/** The audit log: entries appended as the gateway answers, read newest first a page at a time, pruned by age. */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final AuditRepository entries;
    private final Vertx vertx;

    public AuditLog(AuditRepository entries, Vertx vertx) {
        this.entries = entries;
        this.vertx = vertx;
    }

    /**
     * In its own transaction; an entry that cannot be written is logged in full instead, so that it is not lost.
     * A blocking endpoint answers on a worker thread, where the reactive session cannot run: the write then goes to
     * a fresh Vert.x context of its own.
     */
    public Uni<Void> record(AuditEntry entry) {
        Uni<Void> write = Uni.createFrom().deferred(() -> Panache.withTransaction(() -> entries.persist(entry)).replaceWithVoid());
        if (!Context.isOnEventLoopThread()) {
            Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
            VertxContextSafetyToggle.setContextSafe(context, true);
            write = write.runSubscriptionOn(command -> context.runOnContext(ignored -> command.run()));
        }
        return write.onFailure().recoverWithUni(e -> {
            LOG.errorf("audit entry not stored (%s): action=%s outcome=%d tenant=%s actor=%s target=%s source=%s at=%s",
                    e.getMessage(), entry.action, entry.outcome, entry.tenant, entry.actor, entry.target, entry.source, entry.at);
            return Uni.createFrom().voidItem();
        });
    }

    @WithSession
    public Uni<AuditPage> list(AuditRepository.AuditFilter filter, int limit) {
        return entries.list(filter, limit + 1).map(found -> {
            boolean more = found.size() > limit;
            List<AuditEntry> page = more ? found.subList(0, limit) : found;
            return new AuditPage(page.stream().map(AuditPage.Entry::of).toList(), more ? Long.toString(page.getLast().id) : null);
        });
    }

    public Uni<Long> deleteBefore(Instant cutoff) {
        return Panache.withTransaction(() -> entries.deleteBefore(cutoff));
    }
}
