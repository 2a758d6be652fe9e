package dev.spool.state.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.contracts.Coalescer;
import dev.spool.contracts.DeadLetter;
import dev.spool.contracts.PoisonIsolation;
import dev.spool.contracts.Topics;
import dev.spool.contracts.WireMessage;
import dev.spool.contracts.OutputRecorded;
import dev.spool.contracts.TaskResult;
import dev.spool.state.service.OutputRecorder;
import dev.spool.state.service.RunHousekeeping;
import dev.spool.support.Failures;
import dev.spool.support.health.Readiness;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Records each result, then tells the scheduler. The event is sent again for a result recorded before,
 * so a crash between commit and publish is repaired by Kafka's redelivery; the scheduler ignores repeats.
 * A batch that fails is handled by {@link PoisonIsolation}: tried again, and while the database answers, a result
 * that fails alone is dead-lettered and its attempt ended with the reason.
 */
@ApplicationScoped
public class TaskResultConsumer {

    private static final Logger LOG = Logger.getLogger(TaskResultConsumer.class);
    private static final int PUBLISHING = 64;
    private static final int PER_TRANSACTION = 500;

    private final OutputRecorder recorder;
    private final RunHousekeeping housekeeping;
    private final MutinyEmitter<OutputRecorded> recorded;
    private final MutinyEmitter<DeadLetter> deadLetters;
    private final ObjectMapper json;
    private final Coalescer<TaskResult> coalescer;
    private final Timer recordLatency;

    public TaskResultConsumer(OutputRecorder recorder, RunHousekeeping housekeeping, @Channel("output-recorded") MutinyEmitter<OutputRecorded> recorded,
                              @Channel("dead-letters") MutinyEmitter<DeadLetter> deadLetters, Readiness readiness, ObjectMapper json,
                              MeterRegistry metrics) {
        this.recordLatency = Timer.builder("spool.state.result.record").description("from a result's receipt to its OutputRecorded event")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(metrics);
        this.recorder = recorder;
        this.housekeeping = housekeeping;
        this.recorded = recorded;
        this.deadLetters = deadLetters;
        this.json = json;
        this.coalescer = new Coalescer<>(new PoisonIsolation<>(this::record, () -> readiness.ready().subscribeAsCompletionStage(),
                this::setAside, TaskResultConsumer::onCurrentContext));
    }

    /**
     * Results are recorded many per transaction: while one batch is written, what arrives waits and is written
     * together. The method returns at once so records keep coming; each message is acknowledged once recorded.
     */
    @Incoming("task-results")
    public CompletionStage<Void> onResults(Message<List<TaskResult>> message) {
        List<TaskResult> usable = WireMessage.usable(Topics.TASK_RESULTS, message.getPayload());
        if (usable.isEmpty()) {
            return message.ack();
        }
        Executor onContext = onCurrentContext();
        Timer.Sample received = Timer.start();
        coalescer.submit(usable, onContext).whenComplete((ok, failure) -> {
            if (failure == null) {
                // From receipt to recorded and announced: what a result waits in the state-service.
                long nanos = received.stop(recordLatency);
                for (int i = 1; i < usable.size(); i++) {
                    recordLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
                message.ack();
            } else {
                message.nack(failure);
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    /** A backlog is recorded in transactions of at most {@link #PER_TRANSACTION} results, one after another. */
    private CompletionStage<Void> record(List<TaskResult> results) {
        List<List<TaskResult>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < results.size(); from += PER_TRANSACTION) {
            chunks.add(results.subList(from, Math.min(results.size(), from + PER_TRANSACTION)));
        }
        return Multi.createFrom().iterable(chunks).onItem().transformToUniAndConcatenate(this::recordChunk)
                .collect().last().replaceWithVoid().subscribeAsCompletionStage();
    }

    private Uni<Void> recordChunk(List<TaskResult> results) {
        return recorder.recordAll(results)
                .invoke(() -> housekeeping.recorded(results.stream().map(TaskResult::runId).toList()))
                // At most PUBLISHING sends in flight: a batch can hold thousands of results, more than the emitter buffers.
                .chain(() -> Multi.createFrom().iterable(results)
                        .onItem().transformToUni(result -> publish(OutputRecorded.of(result))).merge(PUBLISHING)
                        .collect().last())
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("recording a batch of %d results failed (%s); it is tried again", results.size(),
                        Failures.describe(e)));
    }

    /**
     * A result that cannot be recorded however often it is tried while the database answers: kept whole as a dead
     * letter, and its attempt ends FAILED saying why, so that its run goes on and the results behind it are recorded.
     */
    private CompletionStage<Void> setAside(TaskResult result, Throwable failure) {
        String reason = "Spool could not record the output of this attempt (" + Failures.describe(failure) + "); it is kept in "
                + Topics.DEAD_LETTERS;
        LOG.errorf(failure, "the result of attempt %s of task %s in run %s cannot be recorded; it goes to the dead letters",
                result.attemptId(), result.taskId(), result.runId());
        DeadLetter letter = new DeadLetter(Topics.TASK_RESULTS, "state", result.runId(), result.taskId(), result.attemptId(), reason,
                asJson(result), Instant.now());
        return deadLetters.sendMessage(Message.of(letter).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(result.runId().toString()).build()))
                .chain(() -> publish(OutputRecorded.unrecordable(result, reason)))
                .subscribeAsCompletionStage();
    }

    private Uni<Void> publish(OutputRecorded event) {
        return recorded.sendMessage(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.runId().toString()).build()));
    }

    private String asJson(TaskResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            return result.toString();
        }
    }

    /**
     * Runs each piece of work on a Vert.x context of its own, on the caller's event loop, where Hibernate Reactive must
     * run; directly when there is none. Its own, because Hibernate Reactive keeps its session in the context: the
     * coalescer starts a batch with the executor of the submission that began the one before, and a batch must not
     * meet the session of another.
     */
    private static Executor onCurrentContext() {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return command -> dev.spool.support.OwnContext.on(context).runOnContext(ignored -> command.run());
    }
}
