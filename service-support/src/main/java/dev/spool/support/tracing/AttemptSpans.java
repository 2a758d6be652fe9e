package dev.spool.support.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.Map;
import java.util.UUID;

/**
 * One trace per task attempt: the run's submission starts it, and the scheduler's dispatch, the worker's run and the
 * state-service's record of each attempt are spans of it, carried between services by Kafka's and HTTP's W3C
 * {@code traceparent} headers. Each of Spool's spans carries the attempt's run, task and attempt ids under the
 * names here, so that a tracing backend finds an attempt's trace by any of them.
 */
public final class AttemptSpans {

    public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("spool.run_id");
    public static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("spool.task_id");
    public static final AttributeKey<String> ATTEMPT_ID = AttributeKey.stringKey("spool.attempt_id");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("spool.attempt");

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private AttemptSpans() {
    }

    /** Starts a span of one attempt under {@code parent}; the caller ends it. */
    public static Span start(Tracer tracer, String name, SpanKind kind, Context parent, UUID runId, String taskId, UUID attemptId,
                             int attempt) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent == null ? Context.current() : parent)
                .setAttribute(RUN_ID, String.valueOf(runId)).setAttribute(TASK_ID, taskId)
                .setAttribute(ATTEMPT_ID, String.valueOf(attemptId)).setAttribute(ATTEMPT, (long) attempt)
                .startSpan();
    }

    /** The current span as a W3C traceparent, to keep with what outlives the request (a run); null without one. */
    public static String currentTraceParent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** The context a kept traceparent names, to continue its trace; the root context for none. */
    public static Context fromTraceParent(String traceParent) {
        if (traceParent == null || traceParent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of("traceparent", traceParent), MAP);
    }
}
