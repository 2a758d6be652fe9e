package dev.spool.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A small OTLP/HTTP receiver for traces, as a collector would be: the end-to-end stack's services export their spans
 * to it (e2e-tests/pom.xml turns tracing on for them), and tests read what arrived.
 */
final class OtlpReceiver {

    static final int PORT = 24318;

    /** One span as received: its ids in hex, its name, the service that sent it and its string attributes. */
    record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String service, Map<String, String> attributes) {
    }

    private static OtlpReceiver instance;

    /** The latest spans, at most {@link #KEPT}: the whole end-to-end run exports to this, and a test reads its own. */
    private static final int KEPT = 200_000;

    private final Queue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    static synchronized OtlpReceiver get() {
        if (instance == null) {
            OtlpReceiver receiver = new OtlpReceiver();
            receiver.start();
            instance = receiver;
        }
        return instance;
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    private void keep(ReceivedSpan span) {
        spans.add(span);
        if (count.incrementAndGet() > KEPT && spans.poll() != null) {
            count.decrementAndGet();
        }
    }

    private void start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 64);
            server.createContext("/", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(body) : body;
                    if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                        receive(ExportTraceServiceRequest.parseFrom(in.readAllBytes()));
                    } else {
                        in.readAllBytes();
                    }
                    byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                    exchange.getResponseBody().write(answer);
                } finally {
                    exchange.close();
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory()));
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for spans on 127.0.0.1:" + PORT, e);
        }
    }

    private void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = strings(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    keep(new ReceivedSpan(hex.formatHex(span.getTraceId().toByteArray()), hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), service, strings(span.getAttributesList())));
                }
            }
        }
    }

    private static Map<String, String> strings(List<KeyValue> attributes) {
        Map<String, String> values = new HashMap<>();
        for (KeyValue attribute : attributes) {
            var value = attribute.getValue();
            values.put(attribute.getKey(), value.hasStringValue() ? value.getStringValue()
                    : value.hasIntValue() ? Long.toString(value.getIntValue()) : value.toString().trim());
        }
        return values;
    }
}
