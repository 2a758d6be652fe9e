package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.stack.StackConfig;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Context for downstream tasks, results read by conditions, and pruning, through the whole stack. */
class ContextIT {

    /** The long loop's length; bench/context runs it at 10,000 with the state-service's memory sampled. */
    private static final int LOOP_ITERATIONS = Integer.getInteger("spool.e2e.loop-iterations", 1000);

    private final SpoolStack spool = SpoolStack.get();

    @Test
    void theLastStageOfAPipelineFindsItsDirectDependencyFirstWithinTheByteBudget() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: three-stages
                tasks:
                  - id: extract
                    command: "for i in $(seq 1 400); do echo extracted row $i of the source table; done"
                  - id: transform
                    depends_on: [extract]
                    script: |
                      echo "transform read $(wc -c < "$SPOOL_CONTEXT_FILE") bytes of context"
                      echo "TRANSFORMED 400 rows"
                  - id: report
                    depends_on: [transform]
                    context: {max_bytes: 4096, min_relevance: 0.4}
                    script: |
                      test -f "$SPOOL_CONTEXT_FILE"
                      cat "$SPOOL_CONTEXT_FILE"
                """);
        String runId = run.path("id").asText();
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");

        String seen = spool.get("/api/v1/runs/" + runId + "/tasks/report/output").body();
        assertThat(seen.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(seen).startsWith("=== transform · attempt 1 · SUCCEEDED · exit code 0 · relevance 1.00 (direct dependency) ===");
        assertThat(seen.indexOf("TRANSFORMED 400 rows")).isLessThan(seen.indexOf("=== extract"));
        // The extract's output did not fit whole: it is cut by its own strategy (tail) with a marker.
        assertThat(seen).contains("relevance 0.40", "truncated ...]", "extracted row 400 of the source table");

        JsonNode context = spool.json.readTree(spool.get("/api/v1/runs/" + runId + "/tasks/report/context").body());
        assertThat(context.path("delivered").asBoolean()).isTrue();
        assertThat(context.path("entries").get(0).path("task_id").asText()).isEqualTo("transform");
        assertThat(context.path("content").asText()).isEqualTo(seen);

        JsonNode extract = spool.json.readTree(spool.get("/api/v1/runs/" + runId + "/outputs?task=extract&type=stdout").body());
        assertThat(extract.path("items").get(0).path("depended_by").toString()).contains("transform", "report");
    }

    @Test
    void aResultObjectIsRecordedShownAndReadByWhen() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: results
                tasks:
                  - id: build
                    script: |
                      echo building
                      printf '{"version": "1.2", "artifacts": 3}' > "$SPOOL_RESULT_FILE"
                  - {id: ship, depends_on: [build], when: "build.result.version == '1.2'", command: "echo shipping"}
                  - {id: hold, depends_on: [build], when: "build.result.artifacts > 5", command: "echo holding"}
                  - id: broken
                    script: echo 'not json' > "$SPOOL_RESULT_FILE"
                """);
        String runId = run.path("id").asText();

        JsonNode build = SpoolStack.task(run, "build");
        assertThat(build.path("result").path("version").asText()).isEqualTo("1.2");
        assertThat(SpoolStack.task(run, "ship").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(SpoolStack.task(run, "hold").path("status").asText()).isEqualTo("SKIPPED");
        assertThat(SpoolStack.task(run, "hold").path("status_reason").asText()).contains("build.result.artifacts > 5");
        assertThat(run.path("status").asText()).as("a task skipped by its condition does not fail the run").isEqualTo("SUCCEEDED");

        JsonNode broken = SpoolStack.task(run, "broken");
        assertThat(broken.path("status").asText()).as("a bad result file warns, it does not fail the task").isEqualTo("SUCCEEDED");
        assertThat(broken.path("warnings").toString()).contains("SPOOL_RESULT_FILE is not valid JSON");
        assertThat(broken.path("result").isNull() || broken.path("result").isMissingNode()).isTrue();

        HttpResponse<String> result = spool.get("/api/v1/runs/" + runId + "/tasks/build/output?stream=result");
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("{\"version\":\"1.2\",\"artifacts\":3}");
        assertThat(spool.get("/api/v1/runs/" + runId + "/tasks/broken/output?stream=result").body())
                .contains("left no result", "SPOOL_RESULT_FILE");
    }

    @Test
    void theSeedsFullConfigurationIsAcceptedAndHonoured() throws Exception {
        String full = """
                name: full-configuration
                limits:
                  max_stdout_bytes: 524288
                  max_stderr_bytes: 262144
                  max_context_bytes: 102400
                  truncation_strategy: both
                  external_storage_threshold: 2097152
                  cleanup_strategy:
                    type: highest_relevance
                    keep_count: 20
                tasks:
                  - {id: produce, command: "head -c 600000 /dev/zero | tr '\\\\0' 'p'; echo"}
                  - {id: consume, depends_on: [produce], script: 'wc -c < "$SPOOL_CONTEXT_FILE"'}
                """;
        HttpResponse<String> validated = spool.http.send(spool.request("/api/v1/workflows/validate").header("Content-Type", "application/yaml")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(full)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(validated.statusCode()).isEqualTo(200);
        JsonNode limits = spool.json.readTree(validated.body());
        assertThat(limits.path("limits").path("consume").path("context").path("max_bytes").asLong()).isEqualTo(102_400);
        assertThat(limits.path("limits").path("produce").path("output").path("max_stdout_bytes").asLong()).isEqualTo(524_288);
        assertThat(limits.path("cleanup_strategy").path("type").asText()).isEqualTo("highest_relevance");

        JsonNode run = spool.runToEnd(full);
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode produced = SpoolStack.task(run, "produce").path("outputs").path("stdout");
        assertThat(produced.path("kept_bytes").asLong()).isEqualTo(524_288);
        long contextBytes = Long.parseLong(spool.get("/api/v1/runs/" + run.path("id").asText() + "/tasks/consume/output").body().trim());
        assertThat(contextBytes).isBetween(100_000L, 102_400L);
    }

    @Test
    void aLongLoopKeepsItsRowsAndObjectsAtTheBoundAndTheDeletedObjectsLeaveTheBucket() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: long-loop
                limits:
                  external_storage_threshold: 10
                  cleanup_strategy: {type: most_recent, keep_count: 20}
                tasks:
                  - id: grind
                    loop: {max_iterations: %d, until: "exit_code == 99"}
                    command: 'echo "iteration $SPOOL_ITERATION of a long loop"'
                """.formatted(LOOP_ITERATIONS), Duration.ofMinutes(30));
        String runId = run.path("id").asText();
        assertThat(SpoolStack.task(run, "grind").path("iteration").asInt()).isEqualTo(LOOP_ITERATIONS);

        // 20 kept, and the latest iteration's two outputs, which the loop still needed when they were recorded.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(rows(runId)).isLessThanOrEqualTo(22);
            assertThat(objectsInBucket(runId)).hasSizeLessThanOrEqualTo(11);
        });
        Set<String> kept = new HashSet<>(objectKeysOfRecords(runId));
        assertThat(objectsInBucket(runId)).isSubsetOf(kept);

        HttpResponse<String> first = spool.get("/api/v1/runs/" + runId + "/tasks/grind/output?attempt=1");
        assertThat(first.statusCode()).isEqualTo(410);
        assertThat(first.body()).contains("\"error\":\"output_pruned\"", "most_recent");
        JsonNode metrics = spool.json.readTree(spool.get("/api/v1/runs/" + runId + "/context-metrics").body());
        assertThat(metrics.path("pruned_outputs").asLong()).isGreaterThanOrEqualTo(2L * LOOP_ITERATIONS - 22);
        assertThat(metrics.path("outputs").asLong()).isLessThanOrEqualTo(22);
    }

    @Test
    void pruningOnRequestReportsADryRunAndNeverTouchesWhatAPendingTaskNeeds() throws Exception {
        String runId = spool.submitted(spool.submit("""
                name: prune-on-request
                tasks:
                  - {id: a, command: "echo a"}
                  - {id: b, command: "echo b"}
                  - {id: gate, command: "sleep 30"}
                  - {id: last, depends_on: [a, gate], command: "echo last"}
                """, "application/yaml"));
        spool.awaitTaskStatus(runId, "b", "SUCCEEDED");
        spool.awaitTaskStatus(runId, "a", "SUCCEEDED");

        JsonNode dry = spool.json.readTree(spool.post("/api/v1/runs/" + runId + "/prune?dry_run=true&strategy=non_dependencies").body());
        assertThat(dry.path("dry_run").asBoolean()).isTrue();
        assertThat(dry.path("outputs").findValuesAsText("task_id")).contains("b").doesNotContain("a");

        JsonNode done = spool.json.readTree(spool.post("/api/v1/runs/" + runId + "/prune?strategy=non_dependencies").body());
        assertThat(done.path("pruned").asLong()).isEqualTo(dry.path("pruned").asLong());
        assertThat(spool.get("/api/v1/runs/" + runId + "/tasks/b/output").statusCode()).isEqualTo(410);
        assertThat(spool.get("/api/v1/runs/" + runId + "/tasks/a/output").statusCode()).isEqualTo(200);

        HttpResponse<String> bad = spool.post("/api/v1/runs/" + runId + "/prune?strategy=oldest");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("most_recent, highest_relevance, lru, non_dependencies");
        spool.post("/api/v1/runs/" + runId + "/cancel");
    }

    @Test
    void pruningThatRemovesMoreThanItKeepsWarnsInTheRunItselfWithTheSettingToRaise() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: over-pruned
                tasks:
                  - {id: a, command: "echo a"}
                  - {id: b, command: "echo b"}
                  - {id: c, command: "echo c"}
                """);
        String runId = run.path("id").asText();
        assertThat(run.path("warnings")).isEmpty();

        JsonNode pruned = spool.json.readTree(spool.post("/api/v1/runs/" + runId + "/prune?strategy=most_recent&keep_count=1").body());
        assertThat(pruned.path("pruned").asLong()).isEqualTo(5);

        JsonNode shown = spool.json.readTree(spool.get("/api/v1/runs/" + runId).body());
        assertThat(shown.path("warnings")).hasSize(1);
        assertThat(shown.path("warnings").get(0).asText())
                .contains("pruning by most_recent removed more outputs than it kept (5 removed, 1 kept)", "limits.cleanup_strategy.keep_count");
    }

    private int rows(String runId) throws Exception {
        try (Connection db = DriverManager.getConnection(spool.config.jdbcUrl(), "postgres", "postgres");
             PreparedStatement count = db.prepareStatement("select count(*) from state.task_outputs where run_id = ?")) {
            count.setObject(1, UUID.fromString(runId));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private List<String> objectKeysOfRecords(String runId) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(spool.config.jdbcUrl(), "postgres", "postgres");
             PreparedStatement query = db.prepareStatement("select object_key from state.task_outputs where run_id = ? and object_key is not null")) {
            query.setObject(1, UUID.fromString(runId));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        }
        return keys;
    }

    /** The run's outputs in the bucket; each must have its block index beside it, and no index outlives its output. */
    private List<String> objectsInBucket(String runId) throws Exception {
        List<String> keys = keysInBucket(runId);
        List<String> outputs = keys.stream().filter(key -> !key.endsWith(".index")).toList();
        assertThat(keys.stream().filter(key -> key.endsWith(".index")).toList())
                .containsExactlyInAnyOrderElementsOf(outputs.stream().map(key -> key + ".index").toList());
        return outputs;
    }

    private List<String> keysInBucket(String runId) throws Exception {
        MinioClient minio = MinioClient.builder().endpoint(spool.config.s3Endpoint())
                .credentials(StackConfig.S3_ACCESS_KEY, StackConfig.S3_SECRET_KEY).region("us-east-1").build();
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(StackConfig.BUCKET).prefix("runs/" + runId + "/")
                .recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }
}
