package dev.spool.support;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * A Vert.x context of its own for a unit of reactive database work. Hibernate Reactive keeps its session in the
 * context, so two units that may overlap (a batch of results and a housekeeping pass, or passes resumed by the
 * answers of an HTTP client, which may arrive on a context the client shares) must not share one; and it insists
 * on a context flagged safe, that is, used by that one unit alone.
 */
public final class OwnContext {

    private OwnContext() {
    }

    /** A new context on the event loop of {@code parent}. */
    public static Context on(Context parent) {
        Context own = VertxContext.createNewDuplicatedContext(parent);
        VertxContextSafetyToggle.setContextSafe(own, true);
        return own;
    }

    /** Runs {@code work} on a context of its own, whatever context the caller is on. */
    public static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        Context own = on(vertx.getOrCreateContext());
        return Uni.createFrom().emitter(emitter -> own.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(emitter::complete, emitter::fail);
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }));
    }
}
