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

/**
 * Records each result, then tells the scheduler. The event is sent again for a result recorded before,
 * so a crash between commit and publish is repaired by Kafka's redelivery; the scheduler ignores repeats.
 */
@ApplicationScoped
public class TaskResultConsumer {

    private final OutputRecorder recorder;
    private final MutinyEmitter<OutputRecorded> recorded;

    public TaskResultConsumer(OutputRecorder recorder, @Channel("output-recorded") MutinyEmitter<OutputRecorded> recorded) {
        this.recorder = recorder;
        this.recorded = recorded;
    }

    @Incoming("task-results")
    public Uni<Void> onResult(TaskResult result) {
        return recorder.record(result)
                .chain(() -> recorded.sendMessage(Message.of(OutputRecorded.of(result))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(result.runId().toString()).build())));
    }
}
