package dev.spool.state.messaging;

import dev.spool.contracts.TaskResult;
import dev.spool.support.tracing.AttemptSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The state-service's span of each result it records ({@code spool record}), in the trace of the attempt: the
 * worker's, from each record's traceparent header. Results come in batches, one Kafka record each, so the parent is
 * read per record rather than from the batch.
 */
@ApplicationScoped
public class ResultSpans {

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;

    public ResultSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Spans of the results being recorded, each started now; {@link #end} ends them. */
    public List<Span> start(Message<List<TaskResult>> batch, List<TaskResult> results) {
        Map<UUID, Context> parents = new HashMap<>();
        batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).ifPresent(metadata -> {
            for (Object each : metadata.getRecords()) {
                ConsumerRecord<?, ?> record = (ConsumerRecord<?, ?>) each;
                if (record.value() instanceof TaskResult result && result.attemptId() != null) {
                    parents.put(result.attemptId(), W3CTraceContextPropagator.getInstance().extract(Context.root(), record.headers(), HEADERS));
                }
            }
        });
        List<Span> spans = new ArrayList<>(results.size());
        for (TaskResult result : results) {
            spans.add(AttemptSpans.start(tracer, "spool record", SpanKind.CONSUMER, parents.getOrDefault(result.attemptId(), Context.root()),
                    result.runId(), result.taskId(), result.attemptId(), result.attempt()));
        }
        return spans;
    }

    public void end(List<Span> spans, Throwable failure) {
        for (Span span : spans) {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure.getMessage());
            }
            span.end();
        }
    }
}
