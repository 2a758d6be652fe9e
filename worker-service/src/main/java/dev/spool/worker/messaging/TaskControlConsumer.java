package dev.spool.worker.messaging;

import dev.spool.contracts.Topics;
import dev.spool.contracts.WireMessage;
import dev.spool.contracts.TaskControl;
import dev.spool.worker.service.AttemptSupervisor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Control orders for running attempts. Every worker reads every order (each worker has a consumer group of its
 * own) and acts on the attempts it runs; an order for an attempt not started yet is remembered for a while.
 */
@ApplicationScoped
public class TaskControlConsumer {

    private final AttemptSupervisor supervisor;

    public TaskControlConsumer(AttemptSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Incoming("task-control")
    @Blocking
    public void onControl(TaskControl control) {
        if (!WireMessage.usable(Topics.TASK_CONTROL, control)) {
            return;
        }
        switch (control) {
            case TaskControl.Cancel cancel -> supervisor.cancel(cancel);
        }
    }
}
