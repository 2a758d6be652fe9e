package dev.spool.scheduler.messaging;

import dev.spool.contracts.TaskDispatch;
import dev.spool.support.tracing.AttemptSpans;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes ready attempts to the workers' topic, each keyed by its attempt so they spread over partitions. Each
 * publication is a span of its run's submission trace ({@code spool dispatch}), whose context the record's
 * traceparent header carries on to the worker.
 */
@ApplicationScoped
public class DispatchPublisher {

    private final MutinyEmitter<TaskDispatch> dispatch;
    private final MeterRegistry metrics;
    private final Tracer tracer;

    public DispatchPublisher(@Channel("task-dispatch") MutinyEmitter<TaskDispatch> dispatch, MeterRegistry metrics, Tracer tracer) {
        this.dispatch = dispatch;
        this.metrics = metrics;
        this.tracer = tracer;
    }

    /** @param traceParents each attempt's run's submission trace, by attempt id; an attempt without one starts a trace */
    public Uni<Void> publish(List<TaskDispatch> attempts, Map<UUID, String> traceParents) {
        if (attempts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = attempts.stream().map(attempt -> send(attempt, traceParents.get(attempt.attemptId()))).toList();
        return Uni.join().all(sends).andFailFast()
                .invoke(() -> metrics.counter("spool.scheduler.tasks.dispatched").increment(attempts.size()))
                .replaceWithVoid();
    }

    private Uni<Void> send(TaskDispatch attempt, String traceParent) {
        Context parent = AttemptSpans.fromTraceParent(traceParent);
        Span span = AttemptSpans.start(tracer, "spool dispatch", SpanKind.INTERNAL, parent, attempt.runId(), attempt.taskId(),
                attempt.attemptId(), attempt.attempt());
        Message<TaskDispatch> message = Message.of(attempt)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(attempt.attemptId().toString()).build())
                .addMetadata(TracingMetadata.withCurrent(parent.with(span)));
        return dispatch.sendMessage(message)
                .onFailure().invoke(failure -> span.setStatus(StatusCode.ERROR, failure.getMessage()))
                .onTermination().invoke(span::end);
    }
}
