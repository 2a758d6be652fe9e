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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

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
    private final Timer transactionTime;
    private final Timer announceLatency;
    /** Attempts whose results were dead-lettered in a batch not announced yet: they must not be announced as recorded. */
    private final ResultSpans spans;
    private final Set<UUID> setAside = ConcurrentHashMap.newKeySet();

    public TaskResultConsumer(OutputRecorder recorder, RunHousekeeping housekeeping, @Channel("output-recorded") MutinyEmitter<OutputRecorded> recorded,
                              @Channel("dead-letters") MutinyEmitter<DeadLetter> deadLetters, Readiness readiness, ObjectMapper json,
                              MeterRegistry metrics, ResultSpans spans) {
        this.spans = spans;
        this.recordLatency = Timer.builder("spool.state.result.record").description("from a result's receipt to its rows committed")
                .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram().register(metrics);
        this.announceLatency = Timer.builder("spool.state.result.announce")
                .description("from a result's receipt to its OutputRecorded event taken by Kafka")
                .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram().register(metrics);
        this.transactionTime = Timer.builder("spool.state.result.transaction").description("one transaction recording a batch of results")
                .publishPercentiles(0.5, 0.99).register(metrics);
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
     * together. The method returns at once so records keep coming. Once its results are committed, a message announces
     * them and is acknowledged when Kafka has the announcements: the next batch is written meanwhile, so a slow
     * acknowledgement from Kafka holds back no recording.
     */
    @Incoming("task-results")
    public CompletionStage<Void> onResults(Message<List<TaskResult>> message) {
        List<TaskResult> usable = WireMessage.usable(Topics.TASK_RESULTS, message.getPayload());
        if (usable.isEmpty()) {
            return message.ack();
        }
        Executor onContext = onCurrentContext();
        long receivedAt = System.nanoTime();
        List<io.opentelemetry.api.trace.Span> traced = spans.start(message, usable);
        coalescer.submit(usable, onContext)
                .thenCompose(recordedNow -> {
                    timeSince(receivedAt, recordLatency, usable.size());
                    return announce(usable);
                })
                .whenComplete((ok, failure) -> {
                    spans.end(traced, failure);
                    if (failure == null) {
                        timeSince(receivedAt, announceLatency, usable.size());
                        message.ack();
                    } else {
                        message.nack(failure);
                    }
                });
        return CompletableFuture.completedFuture(null);
    }

    private static void timeSince(long startNanos, Timer timer, int results) {
        long nanos = System.nanoTime() - startNanos;
        for (int i = 0; i < results; i++) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
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
        long startedAt = System.nanoTime();
        return recorder.recordAll(results)
                .invoke(() -> timeSince(startedAt, transactionTime, 1))
                .invoke(() -> housekeeping.recorded(results.stream().map(TaskResult::runId).toList()))
                .onFailure().invoke(e -> LOG.warnf("recording a batch of %d results failed (%s); it is tried again", results.size(),
                        Failures.describe(e)));
    }

    /**
     * Tells the scheduler that these results are recorded, except those set aside, which announced themselves as
     * unrecordable. At most {@link #PUBLISHING} sends in flight: a message can hold thousands of results, more than
     * the emitter buffers. A send that fails is tried again until Kafka takes it, since the result is recorded and
     * its scheduler must learn of it; the message stays unacknowledged meanwhile.
     */
    private CompletionStage<Void> announce(List<TaskResult> results) {
        return Multi.createFrom().iterable(results)
                .filter(result -> !setAside.remove(result.attemptId()))
                .onItem().transformToUni(result -> publish(OutputRecorded.of(result))
                        .onFailure().invoke(e -> LOG.warnf("announcing the result of attempt %s failed (%s); it is sent again",
                                result.attemptId(), Failures.describe(e)))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely())
                .merge(PUBLISHING)
                .collect().last().replaceWithVoid().subscribeAsCompletionStage();
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
        setAside.add(result.attemptId());
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
