package dev.spool.state.messaging;

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

    public TaskResultConsumer(OutputRecorder recorder, @Channel("output-recorded") MutinyEmitter<OutputRecorded> recorded) {
        this.recorder = recorder;
        this.recorded = recorded;
    }

    /** A batch of results is recorded in one transaction, so a burst of short tasks costs few commits. */
    @Incoming("task-results")
    public Uni<Void> onResults(List<TaskResult> results) {
        TaskResult first = results.getFirst();
        return Uni.createFrom().deferred(() -> recorder.recordAll(results))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .chain(() -> Uni.join().all(results.stream().map(result -> recorded.sendMessage(Message.of(OutputRecorded.of(result))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(result.runId().toString()).build()))).toList())
                        .andFailFast())
                .onFailure().invoke(e -> LOG.errorf(e, "gave up recording %d results, the first of attempt %s of task %s in run %s",
                        results.size(), first.attemptId(), first.taskId(), first.runId()))
                .replaceWithVoid();
    }
}
