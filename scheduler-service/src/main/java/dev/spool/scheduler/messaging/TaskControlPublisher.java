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

    /** Stops one attempt wherever it runs: the scheduler has given up on it (lost, or not started in time). */
    public Uni<Void> stopAttempt(java.util.UUID runId, String taskId, java.util.UUID attemptId, String reason) {
        return cancel(new TaskControl.Cancel(runId, taskId, attemptId, reason));
    }

    public Uni<Void> cancel(TaskControl.Cancel cancel) {
        return control.sendMessage(Message.of((TaskControl) cancel)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(cancel.runId().toString()).build()));
    }
}
