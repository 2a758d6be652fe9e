package dev.spool.scheduler.messaging;

import dev.spool.contracts.TaskEvent;
import dev.spool.scheduler.service.RunEngine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** Starts and heartbeats of attempts, applied a batch per transaction. */
@ApplicationScoped
public class TaskEventConsumer {

    private final RunEngine engine;

    public TaskEventConsumer(RunEngine engine) {
        this.engine = engine;
    }

    @Incoming("task-events")
    public Uni<Void> onEvents(List<TaskEvent> batch) {
        TaskEvent first = batch.getFirst();
        return ConsumerRetry.withBackoff(() -> engine.onEvents(batch),
                batch.size() + " task events, the first about attempt " + first.attemptId() + " of task " + first.taskId() + " in run " + first.runId());
    }
}
