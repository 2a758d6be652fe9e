package dev.spool.scheduler.messaging;

import dev.spool.contracts.OutputRecorded;
import dev.spool.scheduler.service.RunEngine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The state-service has stored an attempt's output: end the task and dispatch what it unblocked. Only the
 * transaction is retried: once it has committed, a repeat would find the result applied and dispatch nothing.
 * Attempts whose publish fails stay QUEUED in the database until the scheduler's recovery sends them again.
 */
@ApplicationScoped
public class OutputRecordedConsumer {

    private final RunEngine engine;
    private final TaskDispatcher dispatcher;

    public OutputRecordedConsumer(RunEngine engine, TaskDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
    }

    @Incoming("output-recorded")
    public Uni<Void> onRecorded(OutputRecorded recorded) {
        return ConsumerRetry.withBackoff(() -> engine.onRecorded(recorded),
                        "the result of attempt " + recorded.attemptId() + " of task " + recorded.taskId() + " in run " + recorded.runId())
                .chain(dispatcher::publish);
    }
}
