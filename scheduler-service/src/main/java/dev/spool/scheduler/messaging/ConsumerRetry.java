package dev.spool.scheduler.messaging;

import dev.spool.contracts.Coalescer;
import dev.spool.contracts.WireMessage;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * What the scheduler's consumers share: they hand messages to a coalescer (whose batches go through
 * {@link dev.spool.contracts.PoisonIsolation}) and acknowledge each once its batch has been applied.
 */
final class ConsumerRetry {

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
    static <T extends WireMessage> CompletionStage<Void> applyThenAcknowledge(String topic, Message<List<T>> message, Coalescer<T> coalescer) {
        List<T> usable = WireMessage.usable(topic, message.getPayload());
        if (usable.isEmpty()) {
            return message.ack();
        }
        coalescer.submit(usable, onCurrentContext()).whenComplete((ok, failure) -> {
            if (failure == null) {
                message.ack();
            } else {
                message.nack(failure);
            }
        });
        return CompletableFuture.completedFuture(null);
    }
}
