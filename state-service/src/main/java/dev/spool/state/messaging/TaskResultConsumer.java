package dev.spool.state.messaging;

import dev.spool.contracts.Coalescer;
import dev.spool.contracts.OutputRecorded;
import dev.spool.contracts.TaskResult;
import dev.spool.state.service.OutputRecorder;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Records each result, then tells the scheduler. The event is sent again for a result recorded before,
 * so a crash between commit and publish is repaired by Kafka's redelivery; the scheduler ignores repeats.
 * Failures are retried with backoff; what still fails is logged and skipped.
 */
@ApplicationScoped
public class TaskResultConsumer {

    private static final Logger LOG = Logger.getLogger(TaskResultConsumer.class);

    private final OutputRecorder recorder;
    private final MutinyEmitter<OutputRecorded> recorded;
    private final Coalescer<TaskResult> coalescer = new Coalescer<>(this::record);

    public TaskResultConsumer(OutputRecorder recorder, @Channel("output-recorded") MutinyEmitter<OutputRecorded> recorded) {
        this.recorder = recorder;
        this.recorded = recorded;
    }

    /**
     * Results are recorded many per transaction: while one batch is written, what arrives waits and is written
     * together. The method returns at once so records keep coming; each message is acknowledged once recorded.
     */
    @Incoming("task-results")
    public CompletionStage<Void> onResults(Message<List<TaskResult>> message) {
        Executor onContext = onCurrentContext();
        coalescer.submit(message.getPayload(), onContext).whenComplete((ok, failure) -> {
            if (failure == null) {
                message.ack();
            } else {
                message.nack(failure);
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> record(List<TaskResult> results) {
        TaskResult first = results.getFirst();
        Executor onContext = onCurrentContext();
        return Uni.createFrom().deferred(() -> recorder.recordAll(results))
                .runSubscriptionOn(onContext)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .chain(() -> Uni.join().all(results.stream().map(result -> recorded.sendMessage(Message.of(OutputRecorded.of(result))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(result.runId().toString()).build()))).toList())
                        .andFailFast())
                .onFailure().invoke(e -> LOG.errorf(e, "gave up recording %d results, the first of attempt %s of task %s in run %s",
                        results.size(), first.attemptId(), first.taskId(), first.runId()))
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    /** Runs work on the caller's Vert.x context, where Hibernate Reactive must run; directly when there is none. */
    private static Executor onCurrentContext() {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
    }
}
