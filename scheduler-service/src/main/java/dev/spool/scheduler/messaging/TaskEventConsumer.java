package dev.spool.scheduler.messaging;

import dev.spool.contracts.TaskEvent;
import dev.spool.scheduler.service.RunEngine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class TaskEventConsumer {

    private final RunEngine engine;

    public TaskEventConsumer(RunEngine engine) {
        this.engine = engine;
    }

    @Incoming("task-events")
    public Uni<Void> onEvent(TaskEvent event) {
        return switch (event) {
            case TaskEvent.Started started -> ConsumerRetry.withBackoff(() -> engine.onStarted(started),
                    "the start of attempt " + started.attemptId() + " of task " + started.taskId() + " in run " + started.runId());
        };
    }
}
