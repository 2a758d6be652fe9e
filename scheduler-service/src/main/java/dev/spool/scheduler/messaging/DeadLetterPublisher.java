package dev.spool.scheduler.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.contracts.DeadLetter;
import dev.spool.support.Failures;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/** Messages the scheduler could not apply, kept on {@code spool.dead-letters} with the reason. */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final MutinyEmitter<DeadLetter> deadLetters;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public DeadLetterPublisher(@Channel("dead-letters") MutinyEmitter<DeadLetter> deadLetters, ObjectMapper json, MeterRegistry metrics) {
        this.deadLetters = deadLetters;
        this.json = json;
        this.metrics = metrics;
    }

    public Uni<Void> publish(String topic, UUID runId, String taskId, UUID attemptId, Throwable failure, Object payload) {
        String reason = Failures.describe(failure);
        LOG.errorf(failure, "a message from %s about attempt %s of task %s in run %s cannot be applied; it goes to the dead letters",
                topic, attemptId, taskId, runId);
        metrics.counter("spool.scheduler.dead.letters", "topic", topic).increment();
        DeadLetter letter = new DeadLetter(topic, "scheduler", runId, taskId, attemptId, reason, asJson(payload), Instant.now());
        return deadLetters.sendMessage(Message.of(letter).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(String.valueOf(runId)).build()))
                .onFailure().invoke(e -> LOG.errorf(e, "could not publish the dead letter of attempt %s", attemptId))
                .onFailure().recoverWithNull();
    }

    private String asJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return String.valueOf(payload);
        }
    }
}
