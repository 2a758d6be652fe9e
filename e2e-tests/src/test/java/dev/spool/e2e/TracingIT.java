package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace per task attempt: from the HTTP submission through the scheduler's dispatch, the Kafka hop, the worker's
 * run and the result's hop to the state-service's record, with the attempt's ids on Spool's spans. The services
 * export to {@link OtlpReceiver}, as they would to a collector.
 */
class TracingIT {

    private final OtlpReceiver receiver = OtlpReceiver.get();
    private final SpoolStack spool = SpoolStack.get();

    @Test
    void anAttemptIsOneTraceFromItsSubmissionToItsRecord() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: traced
                tasks:
                  - id: hello
                    command: [echo, hello]
                """);
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        String runId = run.path("id").asText();
        JsonNode attempts = spool.attempts(runId, "hello");
        JsonNode attempt = (attempts.isArray() ? attempts : attempts.path("attempts")).get(0);
        String attemptId = attempt.path("id").asText();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ofAttempt(attemptId).stream()
                .map(OtlpReceiver.ReceivedSpan::name)).contains("spool dispatch", "spool run", "spool record"));

        List<OtlpReceiver.ReceivedSpan> spoolSpans = ofAttempt(attemptId);
        Set<String> traces = spoolSpans.stream().map(OtlpReceiver.ReceivedSpan::traceId).collect(Collectors.toSet());
        assertThat(traces).as("the attempt's spans %s", spoolSpans).hasSize(1);
        String traceId = traces.iterator().next();
        assertThat(spoolSpans).allSatisfy(span -> assertThat(span.attributes())
                .containsEntry("spool.run_id", runId).containsEntry("spool.task_id", "hello").containsEntry("spool.attempt_id", attemptId)
                .containsEntry("spool.attempt", "1"));
        assertThat(spoolSpans).filteredOn(span -> span.name().equals("spool run"))
                .singleElement().satisfies(span -> assertThat(span.service()).isEqualTo("spool-worker"));
        assertThat(spoolSpans).filteredOn(span -> span.name().equals("spool record"))
                .singleElement().satisfies(span -> assertThat(span.service()).isEqualTo("spool-state"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<OtlpReceiver.ReceivedSpan> trace = receiver.spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
            assertThat(trace).as("the HTTP submission starts the trace")
                    .anySatisfy(span -> assertThat(span.service()).isEqualTo("spool-scheduler"))
                    .anySatisfy(span -> assertThat(span.name()).contains("POST").contains("/api/v1/runs"));
            assertThat(trace.stream().map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet()))
                    .contains("spool-scheduler", "spool-worker", "spool-state");
            assertThat(trace).as("the Kafka hops, to the worker and to the state-service")
                    .anySatisfy(span -> assertThat(span.name()).contains("spool.task.dispatch"))
                    .anySatisfy(span -> assertThat(span.name()).contains("spool.task.results"));
            // Every span but the submission's has its parent in the trace: one tree, not pieces.
            Set<String> ids = trace.stream().map(OtlpReceiver.ReceivedSpan::spanId).collect(Collectors.toSet());
            assertThat(trace.stream().filter(span -> !span.parentSpanId().isEmpty() && !ids.contains(span.parentSpanId())))
                    .as("spans whose parent is not in the trace").isEmpty();
        });
    }

    private List<OtlpReceiver.ReceivedSpan> ofAttempt(String attemptId) {
        return receiver.spans().stream().filter(span -> attemptId.equals(span.attributes().get("spool.attempt_id"))).toList();
    }
}
