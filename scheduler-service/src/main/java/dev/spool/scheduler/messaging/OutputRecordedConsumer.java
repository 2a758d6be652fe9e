package dev.spool.scheduler.messaging;

import dev.spool.contracts.Coalescer;
import dev.spool.contracts.OutputRecorded;
import dev.spool.contracts.PoisonIsolation;
import dev.spool.contracts.Topics;
import dev.spool.support.health.Readiness;
import dev.spool.support.Failures;
import dev.spool.scheduler.dispatch.Dispatcher;
import dev.spool.scheduler.service.AttemptEnd;
import dev.spool.scheduler.service.RunProgression;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The state-service has stored attempts' output: end their tasks and let the dispatcher know what became ready.
 * Records come in batches, so that a burst of results costs one transaction per run, not one per result.
 */
@ApplicationScoped
public class OutputRecordedConsumer {

    private final RunProgression progression;
    private final Dispatcher dispatcher;
    private final Timer delay;
    private final Timer apply;
    private final DeadLetterPublisher deadLetters;
    private final Coalescer<OutputRecorded> coalescer;

    public OutputRecordedConsumer(RunProgression progression, Dispatcher dispatcher, Readiness readiness, DeadLetterPublisher deadLetters,
                                  MeterRegistry metrics) {
        this.progression = progression;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.coalescer = new Coalescer<>(new PoisonIsolation<>(this::apply, () -> readiness.ready().subscribeAsCompletionStage(),
                this::setAside, ConsumerRetry::onCurrentContext));
        this.delay = Timer.builder("spool.scheduler.results.delay")
                .description("From an attempt's end on its worker to its result reaching the scheduler")
                .publishPercentiles(0.5, 0.9, 0.99).register(metrics);
        this.apply = Timer.builder("spool.scheduler.results.apply")
                .description("Applying a batch of results: the transaction that ends tasks and readies what they unblock")
                .publishPercentiles(0.5, 0.9, 0.99).register(metrics);
    }

    /**
     * Returns at once so that the next records keep coming while a batch is applied; each message is acknowledged
     * (and its offset committed) once the batch that held it has committed.
     */
    @Incoming("output-recorded")
    public CompletionStage<Void> onRecorded(Message<List<OutputRecorded>> message) {
        Instant received = Instant.now();
        message.getPayload().forEach(recorded -> {
            if (recorded != null && recorded.finishedAt() != null && recorded.finishedAt().isBefore(received)) {
                delay.record(Duration.between(recorded.finishedAt(), received));
            }
        });
        return ConsumerRetry.applyThenAcknowledge(Topics.OUTPUT_RECORDED, message, coalescer);
    }

    private CompletionStage<Void> apply(List<OutputRecorded> batch) {
        List<AttemptEnd> ends = batch.stream().map(AttemptEnd::of).toList();
        long started = System.nanoTime();
        return progression.onEnds(ends)
                .invoke(changes -> apply.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .invoke(dispatcher::accept)
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    /** A result that cannot be applied: kept as a dead letter, and its task ends saying why, so that its run goes on. */
    private CompletionStage<Void> setAside(OutputRecorded recorded, Throwable failure) {
        return deadLetters.publish(Topics.OUTPUT_RECORDED, recorded.runId(), recorded.taskId(), recorded.attemptId(), failure, recorded)
                .chain(() -> progression.quarantine(recorded.runId(), recorded.taskId(), "Spool could not apply the result of attempt "
                        + recorded.attempt() + " (" + Failures.describe(failure) + "); it is kept in " + Topics.DEAD_LETTERS))
                .invoke(dispatcher::accept)
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }
}
