package dev.spool.scheduler.messaging;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How the scheduler's consumers handle a message they cannot apply, such as while the database is briefly
 * away: try again with backoff, then log which attempt it was about and let the failure strategy skip it,
 * so that one bad message cannot stop a consumer.
 */
final class ConsumerRetry {

    private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);

    private ConsumerRetry() {
    }

    /** Runs work on the caller's Vert.x context, where Hibernate Reactive must run; directly when there is none. */
    static java.util.concurrent.Executor onCurrentContext() {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
    }

    /** @param about names the message in the log, for example "the result of attempt … of task … in run …" */
    static <T> Uni<T> withBackoff(Supplier<Uni<? extends T>> work, String about) {
        // Retries wait on another thread; each try must start on the consumer's Vert.x context, where Hibernate Reactive runs.
        java.util.concurrent.Executor onContext = onCurrentContext();
        return Uni.createFrom().<T>deferred(work)
                .runSubscriptionOn(onContext)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .onFailure().invoke(e -> LOG.errorf(e, "gave up on %s", about));
    }
}
