package dev.spool.worker.messaging;

import dev.spool.contracts.TaskDispatch;
import dev.spool.contracts.TaskEvent;
import dev.spool.contracts.TaskResult;
import dev.spool.contracts.WorkerStatus;
import dev.spool.worker.capture.StreamCapture;
import dev.spool.worker.process.UsageMeter;
import dev.spool.worker.service.AttemptTimings;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;

/** What the worker publishes: lifecycle events to the scheduler, results to the state-service. */
@ApplicationScoped
public class WorkerEvents {

    private final MutinyEmitter<TaskEvent> events;
    private final MutinyEmitter<TaskResult> results;
    private final MutinyEmitter<WorkerStatus> status;
    private final MeterRegistry metrics;
    private final AttemptTimings timings;

    public WorkerEvents(@Channel("task-events") MutinyEmitter<TaskEvent> events,
                        @Channel("task-results") MutinyEmitter<TaskResult> results,
                        @Channel("worker-status") MutinyEmitter<WorkerStatus> status,
                        MeterRegistry metrics, AttemptTimings timings) {
        this.timings = timings;
        this.events = events;
        this.results = results;
        this.status = status;
        this.metrics = metrics;
    }

    /**
     * Not awaited: the task is already running, and waiting for Kafka's acknowledgement would only hold its slot.
     * A start that arrives after the result changes nothing; one that is lost is covered by the heartbeats.
     */
    public void started(TaskDispatch task, String workerId, Instant at) {
        TaskEvent started = new TaskEvent.Started(task.runId(), task.taskId(), task.attemptId(), workerId, at);
        events.sendMessageAndForget(keyedByRun(started, task.runId().toString()));
    }

    /** Fire and forget: a heartbeat that is lost is replaced by the next one. */
    public void heartbeat(TaskDispatch task, String workerId, StreamCapture stdout, StreamCapture stderr, UsageMeter meter) {
        TaskEvent beat = new TaskEvent.Heartbeat(task.runId(), task.taskId(), task.attemptId(), workerId, Instant.now(),
                stdout.bytesSoFar(), stdout.newlinesSoFar(), stderr.bytesSoFar(), stderr.newlinesSoFar(),
                meter.cpuMillis(), meter.rssBytes());
        events.sendMessageAndForget(keyedByRun(beat, task.runId().toString()));
    }

    public void timeoutWarning(TaskDispatch task, String workerId, long elapsedMillis, long timeoutMillis, Instant deadline) {
        TaskEvent warning = new TaskEvent.TimeoutWarning(task.runId(), task.taskId(), task.attemptId(), workerId, Instant.now(),
                elapsedMillis, timeoutMillis, deadline);
        events.sendMessageAndForget(keyedByRun(warning, task.runId().toString()));
        metrics.counter("spool.worker.timeout.warnings").increment();
    }

    public void announce(WorkerStatus announcement) {
        status.sendMessageAndAwait(keyedByRun(announcement, announcement.workerId()));
    }

    public void finished(TaskResult result) {
        long started = System.nanoTime();
        results.sendMessageAndAwait(keyedByRun(result, result.runId().toString()));
        timings.reported(started, System.nanoTime());
        // The result is in Kafka now; the scheduler waits for it to be recorded instead of calling the attempt lost.
        events.sendMessageAndForget(keyedByRun(new TaskEvent.Finished(result.runId(), result.taskId(), result.attemptId(),
                result.workerId(), Instant.now(), result.status()), result.runId().toString()));
        metrics.counter("spool.worker.attempts", "status", result.status().name()).increment();
        metrics.counter("spool.worker.output.bytes", "stream", "stdout").increment(result.stdout().originalBytes());
        metrics.counter("spool.worker.output.bytes", "stream", "stderr").increment(result.stderr().originalBytes());
    }

    private static <T> Message<T> keyedByRun(T payload, String runId) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(runId).build());
    }
}
