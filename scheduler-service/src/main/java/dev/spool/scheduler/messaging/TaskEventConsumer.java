package dev.spool.scheduler.messaging;

import dev.spool.contracts.Coalescer;
import dev.spool.contracts.TaskEvent;
import dev.spool.scheduler.service.RunEngine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Starts and heartbeats of attempts, applied many per transaction. */
@ApplicationScoped
public class TaskEventConsumer {

    private final RunEngine engine;
    private final Coalescer<TaskEvent> coalescer = new Coalescer<>(this::apply);

    public TaskEventConsumer(RunEngine engine) {
        this.engine = engine;
    }

    /** Returns at once; each message is acknowledged once the batch that held it has committed. */
    @Incoming("task-events")
    public CompletionStage<Void> onEvents(Message<List<TaskEvent>> message) {
        return ConsumerRetry.applyThenAcknowledge(message, coalescer);
    }

    private CompletionStage<Void> apply(List<TaskEvent> batch) {
        TaskEvent first = batch.getFirst();
        return ConsumerRetry.withBackoff(() -> engine.onEvents(batch),
                        batch.size() + " task events, the first about attempt " + first.attemptId() + " of task " + first.taskId() + " in run " + first.runId())
                .subscribeAsCompletionStage();
    }
}
