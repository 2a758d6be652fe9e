package dev.spool.scheduler.messaging;

import dev.spool.contracts.Coalescer;
import dev.spool.contracts.PoisonIsolation;
import dev.spool.contracts.TaskEvent;
import dev.spool.contracts.Topics;
import dev.spool.support.health.Readiness;
import dev.spool.scheduler.service.AttemptEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Starts and heartbeats of attempts, applied many per transaction. */
@ApplicationScoped
public class TaskEventConsumer {

    private final AttemptEvents events;
    private final DeadLetterPublisher deadLetters;
    private final Coalescer<TaskEvent> coalescer;

    public TaskEventConsumer(AttemptEvents events, Readiness readiness, DeadLetterPublisher deadLetters) {
        this.events = events;
        this.deadLetters = deadLetters;
        this.coalescer = new Coalescer<>(new PoisonIsolation<>(this::apply, () -> readiness.ready().subscribeAsCompletionStage(),
                this::setAside, ConsumerRetry::onCurrentContext));
    }

    /** Returns at once; each message is acknowledged once the batch that held it has committed. */
    @Incoming("task-events")
    public CompletionStage<Void> onEvents(Message<List<TaskEvent>> message) {
        return ConsumerRetry.applyThenAcknowledge(Topics.TASK_EVENTS, message, coalescer);
    }

    private CompletionStage<Void> apply(List<TaskEvent> batch) {
        return events.onEvents(batch).subscribeAsCompletionStage();
    }

    /** A start or heartbeat that cannot be applied is kept as a dead letter; the attempt's lease decides what becomes of it. */
    private CompletionStage<Void> setAside(TaskEvent event, Throwable failure) {
        return deadLetters.publish(Topics.TASK_EVENTS, event.runId(), event.taskId(), event.attemptId(), failure, event)
                .subscribeAsCompletionStage();
    }
}
