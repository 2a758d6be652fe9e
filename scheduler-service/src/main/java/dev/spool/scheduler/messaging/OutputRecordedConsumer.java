package dev.spool.scheduler.messaging;

import dev.spool.contracts.OutputRecorded;
import dev.spool.scheduler.dispatch.Dispatcher;
import dev.spool.scheduler.service.AttemptEnd;
import dev.spool.scheduler.service.RunEngine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * The state-service has stored attempts' output: end their tasks and let the dispatcher know what became ready.
 * Records come in batches, so that a burst of results costs one transaction per run, not one per result.
 */
@ApplicationScoped
public class OutputRecordedConsumer {

    private final RunEngine engine;
    private final Dispatcher dispatcher;

    public OutputRecordedConsumer(RunEngine engine, Dispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
    }

    @Incoming("output-recorded")
    public Uni<Void> onRecorded(List<OutputRecorded> batch) {
        List<AttemptEnd> ends = batch.stream().map(AttemptEnd::of).toList();
        return ConsumerRetry.withBackoff(() -> engine.onEnds(ends), describe(batch))
                .invoke(dispatcher::accept)
                .replaceWithVoid();
    }

    private static String describe(List<OutputRecorded> batch) {
        OutputRecorded first = batch.getFirst();
        return batch.size() == 1
                ? "the result of attempt " + first.attemptId() + " of task " + first.taskId() + " in run " + first.runId()
                : batch.size() + " results, the first of attempt " + first.attemptId() + " of task " + first.taskId() + " in run " + first.runId();
    }
}
