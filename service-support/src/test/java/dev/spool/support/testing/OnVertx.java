package dev.spool.support.testing;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/** Runs service calls from a test as the service runs them: on a Vert.x context, where Hibernate Reactive works. */
public final class OnVertx {

    private OnVertx() {
    }

    public static <T> T await(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (Throwable e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }
}
