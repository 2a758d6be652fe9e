package dev.spool.scheduler.messaging;

import dev.spool.contracts.TaskEvent;
import dev.spool.scheduler.service.RunEngine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

@ApplicationScoped
public class TaskEventConsumer {

    private static final Logger LOG = Logger.getLogger(TaskEventConsumer.class);

    private final RunEngine engine;

    public TaskEventConsumer(RunEngine engine) {
        this.engine = engine;
    }

    @Incoming("task-events")
    public Uni<Void> onEvent(TaskEvent event) {
        return switch (event) {
            case TaskEvent.Started started -> ConsumerRetry.withBackoff(() -> engine.onStarted(started),
                    "the start of attempt " + started.attemptId() + " of task " + started.taskId() + " in run " + started.runId());
            case TaskEvent.Heartbeat beat -> engine.onHeartbeat(beat)
                    .onFailure().invoke(e -> LOG.warnf(e, "heartbeat of attempt %s not recorded; the next one may be", beat.attemptId()))
                    .onFailure().recoverWithNull();
            case TaskEvent.TimeoutWarning warning -> {
                LOG.infof("task %s of run %s (attempt %s) has used 90%% of its %d ms timeout; it will be stopped at %s",
                        warning.taskId(), warning.runId(), warning.attemptId(), warning.timeoutMillis(), warning.deadline());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
