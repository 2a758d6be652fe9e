package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.spool.contracts.CapturedOutput;
import dev.spool.contracts.StreamName;
import dev.spool.contracts.TaskResult;
import dev.spool.contracts.TaskStatus;
import dev.spool.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile work and hostile messages: each hurts only its own run, and every other run goes on. */
class RobustnessIT {

    private static SpoolStack spool;
    private static final ObjectMapper WIRE = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @BeforeAll
    static void stack() {
        spool = SpoolStack.get();
    }

    @Test
    void maxParallelHoldsForTheRootTasksOfAFreshRun() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: one-at-a-time
                max_parallel: 1
                tasks:
                  - {id: a, command: [sleep, "0.5"]}
                  - {id: b, command: [sleep, "0.5"]}
                  - {id: c, command: [sleep, "0.5"]}
                  - {id: d, command: [sleep, "0.5"]}
                """);
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        List<Instant[]> spans = new ArrayList<>();
        run.path("tasks").forEach(task -> spans.add(new Instant[]{
                Instant.parse(task.path("started_at").asText()), Instant.parse(task.path("finished_at").asText())}));
        spans.sort((x, y) -> x[0].compareTo(y[0]));
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("task %d starts after the one before it ended", i).isAfterOrEqualTo(spans.get(i - 1)[1]);
        }
    }

    @Test
    void aResultThatCannotBeRecordedEndsItsTaskWithTheReasonAndHoldsBackNoOtherRun() throws Exception {
        String victim = spool.submitted(spool.submit("name: poisoned\ntasks:\n  - {id: slow, command: [sleep, '20']}\n", "application/yaml"));
        spool.awaitTaskStatus(victim, "slow", "RUNNING");
        JsonNode attempt = spool.attempts(victim, "slow").get(0);
        UUID attemptId = UUID.fromString(attempt.path("id").asText());

        // A result the state-service can never record: its stdout has no truncation strategy.
        CapturedOutput broken = new CapturedOutput(StreamName.STDOUT, "x", 1, 0, 1, false, null, false, null, false, null);
        TaskResult poison = new TaskResult(UUID.fromString(victim), "slow", attemptId, 1, "forged", TaskStatus.SUCCEEDED, 0, null,
                Instant.now(), Instant.now(), broken, broken, null, null, null, null);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.TASK_RESULTS, victim, WIRE.writeValueAsBytes(poison))).get();
        }
        JsonNode bystander = spool.runToEnd("name: bystander\ntasks:\n  - {id: a, command: [echo, a]}\n  - {id: b, command: [echo, b], depends_on: [a]}\n",
                Duration.ofSeconds(30));
        assertThat(bystander.path("status").asText()).isEqualTo("SUCCEEDED");

        JsonNode ended = spool.awaitEnd(victim, Duration.ofSeconds(30));
        JsonNode slow = SpoolStack.task(ended, "slow");
        assertThat(slow.path("status").asText()).isEqualTo("FAILED");
        assertThat(slow.path("status_reason").asText()).contains("could not record the output", Topics.DEAD_LETTERS);
        assertThat(deadLetterFor(attemptId)).contains("\"service\":\"state\"");
    }

    @Test
    void messagesThatAreNotJsonAreSkippedAndEveryConsumerGoesOn() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String topic : List.of(Topics.TASK_RESULTS, Topics.OUTPUT_RECORDED, Topics.TASK_EVENTS, Topics.TASK_DISPATCH,
                    Topics.WORKER_STATUS, Topics.TASK_CONTROL)) {
                producer.send(new ProducerRecord<>(topic, "garbage", "{not json \u0000".getBytes(StandardCharsets.UTF_8))).get();
                producer.send(new ProducerRecord<>(topic, "garbage", "{\"run_id\": 42}".getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        JsonNode run = spool.runToEnd("name: after-garbage\ntasks:\n  - {id: a, command: [echo, a]}\n  - {id: b, command: [echo, b], depends_on: [a]}\n",
                Duration.ofSeconds(60));
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aBacktrackingSummaryPatternCostsLinearTimeAndTheTaskEndsInItsTimeout() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: regex-bomb
                tasks:
                  - id: bomb
                    timeout: 20s
                    limits: {truncation_strategy: summary, max_stdout_bytes: 4096, summary_patterns: ['(.*a){12}$']}
                    script: |
                      line=$(printf 'a%.0s' $(seq 1 2000))
                      for i in $(seq 1 200); do echo "${line}!"; done
                """, Duration.ofSeconds(60));
        JsonNode bomb = SpoolStack.task(run, "bomb");
        assertThat(bomb.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(bomb.path("attempt").asInt()).isEqualTo(1);
        assertThat(Duration.between(Instant.parse(bomb.path("started_at").asText()), Instant.parse(bomb.path("finished_at").asText())))
                .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aTaskThatPrintsNulBytesSucceedsAndItsOutputIsRecorded() throws Exception {
        JsonNode run = spool.runToEnd("name: nul-bytes\ntasks:\n  - {id: a, command: \"printf 'a\\\\000b\\\\000c'\"}\n");
        assertThat(SpoolStack.task(run, "a").path("status").asText()).isEqualTo("SUCCEEDED");
        HttpResponse<String> output = spool.get("/api/v1/runs/" + run.path("id").asText() + "/tasks/a/output");
        assertThat(output.statusCode()).isEqualTo(200);
        assertThat(output.body()).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void aTaskOfACancelledRunIsNotRunAgainAndSaysWhy() throws Exception {
        String runId = spool.submitted(spool.submit("name: to-cancel\ntasks:\n  - {id: a, command: [sleep, '30']}\n  - {id: b, command: [true], depends_on: [a]}\n",
                "application/yaml"));
        spool.awaitTaskStatus(runId, "a", "RUNNING");
        assertThat(spool.post("/api/v1/runs/" + runId + "/cancel?reason=enough").statusCode()).isEqualTo(202);
        spool.awaitEnd(runId, Duration.ofSeconds(30));
        HttpResponse<String> retry = spool.post("/api/v1/runs/" + runId + "/tasks/a/retry");
        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(spool.json.readTree(retry.body()).path("message").asText()).contains("was cancelled (enough)", "submit the workflow again");
        HttpResponse<String> skipped = spool.get("/api/v1/runs/" + runId + "/tasks/b/output");
        assertThat(skipped.statusCode()).isEqualTo(404);
        assertThat(spool.json.readTree(skipped.body()).path("message").asText()).contains("was CANCELLED before it ran").doesNotContain("yet");
        HttpResponse<String> noSuchAttempt = spool.get("/api/v1/runs/" + runId + "/tasks/a/output?attempt=9");
        assertThat(spool.json.readTree(noSuchAttempt.body()).path("message").asText()).contains("has no attempt 9", "it has had 1 attempt");
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", spool.config.kafkaBootstrap()), new StringSerializer(), new ByteArraySerializer());
    }

    /** The dead letter that names the attempt, waiting for it for up to 30 s. */
    private static String deadLetterFor(UUID attemptId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", spool.config.kafkaBootstrap()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String letter = new String(record.value(), StandardCharsets.UTF_8);
                    if (letter.contains(attemptId.toString())) {
                        return letter;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter for attempt " + attemptId);
    }
}
