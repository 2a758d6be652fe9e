package dev.spool.scheduler.messaging;

import dev.spool.contracts.Coalescer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
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
    static Executor onCurrentContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
    }

    /**
     * Hands a message's payload to a coalescer and returns at once, so the consumer keeps receiving while the batch
     * is applied; the message is acknowledged (its offset committed) once the batch that held it has committed.
     */
    static <T> CompletionStage<Void> applyThenAcknowledge(Message<List<T>> message, Coalescer<T> coalescer) {
        coalescer.submit(message.getPayload(), onCurrentContext()).whenComplete((ok, failure) -> {
            if (failure == null) {
                message.ack();
            } else {
                message.nack(failure);
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    /** @param about names the message in the log, for example "the result of attempt … of task … in run …" */
    static <T> Uni<T> withBackoff(Supplier<Uni<? extends T>> work, String about) {
        // Retries wait on another thread; each try must start on the consumer's Vert.x context, where Hibernate Reactive runs.
        Executor onContext = onCurrentContext();
        return Uni.createFrom().<T>deferred(work)
                .runSubscriptionOn(onContext)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .onFailure().invoke(e -> LOG.errorf(e, "gave up on %s", about));
    }
}
