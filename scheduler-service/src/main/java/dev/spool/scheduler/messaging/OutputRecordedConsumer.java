package dev.spool.scheduler.messaging;

import dev.spool.contracts.OutputRecorded;
import dev.spool.scheduler.service.RunEngine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The state-service has stored an attempt's output: end the task and dispatch what it unblocked. A failure,
 * such as the database being briefly away, is retried with backoff; what still fails is logged with its
 * ids and skipped instead of stopping the consumer.
 */
@ApplicationScoped
public class OutputRecordedConsumer {

    private static final Logger LOG = Logger.getLogger(OutputRecordedConsumer.class);

    private final RunEngine engine;
    private final TaskDispatcher dispatcher;

    public OutputRecordedConsumer(RunEngine engine, TaskDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
    }

    @Incoming("output-recorded")
    public Uni<Void> onRecorded(OutputRecorded recorded) {
        return Uni.createFrom().deferred(() -> engine.onRecorded(recorded))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .chain(dispatcher::publish)
                .onFailure().invoke(e -> LOG.errorf(e, "gave up on the result of attempt %s of task %s in run %s",
                        recorded.attemptId(), recorded.taskId(), recorded.runId()));
    }
}
