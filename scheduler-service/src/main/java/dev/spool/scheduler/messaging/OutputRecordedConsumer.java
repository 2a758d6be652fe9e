package dev.spool.scheduler.messaging;

import dev.spool.contracts.OutputRecorded;
import dev.spool.scheduler.service.RunEngine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The state-service has stored an attempt's output: end the task and dispatch what it unblocked. */
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
        return engine.onRecorded(recorded).chain(dispatcher::publish);
    }
}
