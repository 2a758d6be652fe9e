package dev.spool.scheduler.messaging;

import dev.spool.contracts.TaskControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Orders for running attempts, read by every worker. */
@ApplicationScoped
public class TaskControlPublisher {

    private final MutinyEmitter<TaskControl> control;

    public TaskControlPublisher(@Channel("task-control") MutinyEmitter<TaskControl> control) {
        this.control = control;
    }

    public Uni<Void> cancel(TaskControl.Cancel cancel) {
        return control.sendMessage(Message.of((TaskControl) cancel)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(cancel.runId().toString()).build()));
    }
}
