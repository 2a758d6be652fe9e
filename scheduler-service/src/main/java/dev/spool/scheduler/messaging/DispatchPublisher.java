package dev.spool.scheduler.messaging;

import dev.spool.contracts.TaskDispatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;

/** Publishes ready attempts to the workers' topic, each keyed by its attempt so they spread over partitions. */
@ApplicationScoped
public class DispatchPublisher {

    private final MutinyEmitter<TaskDispatch> dispatch;
    private final MeterRegistry metrics;

    public DispatchPublisher(@Channel("task-dispatch") MutinyEmitter<TaskDispatch> dispatch, MeterRegistry metrics) {
        this.dispatch = dispatch;
        this.metrics = metrics;
    }

    public Uni<Void> publish(List<TaskDispatch> attempts) {
        if (attempts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = attempts.stream()
                .map(attempt -> dispatch.sendMessage(Message.of(attempt)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(attempt.attemptId().toString()).build())))
                .toList();
        return Uni.join().all(sends).andFailFast()
                .invoke(() -> metrics.counter("spool.scheduler.tasks.dispatched").increment(attempts.size()))
                .replaceWithVoid();
    }
}
