package dev.spool.worker.messaging;

import dev.spool.contracts.Topics;
import dev.spool.contracts.WireMessage;
import dev.spool.contracts.TaskDispatch;
import dev.spool.worker.service.AttemptTimings;
import dev.spool.worker.service.TaskExecutor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes dispatched attempts off Kafka. The offset is committed once the attempt has a slot, not when it
 * ends: a worker that dies mid-task is the scheduler's lease to notice, not a Kafka redelivery.
 */
@ApplicationScoped
public class TaskDispatchConsumer {

    private final TaskExecutor executor;
    private final AttemptTimings timings;

    public TaskDispatchConsumer(TaskExecutor executor, AttemptTimings timings) {
        this.executor = executor;
        this.timings = timings;
    }

    @Incoming("task-dispatch")
    @Blocking
    public void onDispatch(TaskDispatch task) throws InterruptedException {
        if (WireMessage.usable(Topics.TASK_DISPATCH, task)) {
            if (task.dispatchedAt() != null) {
                timings.delivered(task.dispatchedAt());
            }
            executor.submit(task);
        }
    }
}
