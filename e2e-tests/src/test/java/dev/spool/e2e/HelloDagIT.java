package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.stack.StackConfig;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/examples/hello-dag.yaml through the gateway, four services, Kafka, PostgreSQL and the bucket. */
class HelloDagIT {

    private static SpoolStack spool;
    private static JsonNode run;
    private static byte[] bigOutput;

    @BeforeAll
    static void runTheExample() throws Exception {
        spool = SpoolStack.get();
        String workflow = Files.readString(spool.config.home().resolve("deploy/examples/hello-dag.yaml"));
        run = spool.runToEnd(workflow);

        StringBuilder expected = new StringBuilder("hello from a task that prints far more than it may keep\n");
        for (int row = 1; row <= 200_000; row++) {
            expected.append("row ").append(row).append('\n');
        }
        bigOutput = expected.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyTaskEndsAsTheDiamondDictates() {
        assertThat(run.path("status").asText()).isEqualTo("FAILED");
        assertThat(run.path("finished_at").isNull()).isFalse();

        assertThat(SpoolStack.task(run, "prepare").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(SpoolStack.task(run, "prepare").path("exit_code").asInt()).isZero();
        assertThat(SpoolStack.task(run, "big-output").path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode flaky = SpoolStack.task(run, "flaky-check");
        assertThat(flaky.path("status").asText()).isEqualTo("FAILED");
        assertThat(flaky.path("exit_code").asInt()).isEqualTo(3);
        assertThat(flaky.path("attempt").asInt()).isEqualTo(1);

        JsonNode report = SpoolStack.task(run, "report");
        assertThat(report.path("status").asText()).isEqualTo("SKIPPED");
        assertThat(report.path("status_reason").asText()).isEqualTo("dependency 'flaky-check' failed");
        assertThat(report.path("attempt").asInt()).isZero();
    }

    @Test
    void theRunsStatusCountsItsTasksByStatusWithoutListingThem() throws Exception {
        HttpResponse<String> answer = spool.get("/api/v1/runs/" + run.path("id").asText() + "/status");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        assertThat(status.path("status").asText()).isEqualTo("FAILED");
        assertThat(status.path("finished_at").asText()).isEqualTo(run.path("finished_at").asText());
        assertThat(status.has("tasks") && !status.path("tasks").isArray()).as("counts, not the tasks").isTrue();
        Map<String, Integer> counted = new HashMap<>();
        run.path("tasks").forEach(task -> counted.merge(task.path("status").asText(), 1, Integer::sum));
        status.path("tasks").fields().forEachRemaining(count ->
                assertThat(count.getValue().asInt()).as(count.getKey()).isEqualTo(counted.getOrDefault(count.getKey(), 0)));
        assertThat(status.path("tasks").path("SKIPPED").asInt()).isEqualTo(1);
        assertThat(status.path("total").asInt()).isEqualTo(run.path("tasks").size());
    }

    @Test
    void theLargeOutputIsCutToItsTailAndStoredWholeInTheBucket() throws Exception {
        JsonNode stdout = SpoolStack.task(run, "big-output").path("outputs").path("stdout");
        assertThat(stdout.path("original_bytes").asLong()).isEqualTo(bigOutput.length);
        assertThat(stdout.path("kept_bytes").asLong()).isEqualTo(65536);
        assertThat(stdout.path("truncated").asBoolean()).isTrue();
        String key = stdout.path("object_key").asText();
        assertThat(key).startsWith("runs/" + run.path("id").asText() + "/big-output/").endsWith("/stdout.gz");

        MinioClient minio = MinioClient.builder().endpoint(spool.config.s3Endpoint())
                .credentials(StackConfig.S3_ACCESS_KEY, StackConfig.S3_SECRET_KEY).region("us-east-1").build();
        // The object is one valid gzip file of several members, as gzip -dc reads it; whole in memory first, since
        // GZIPInputStream follows a member boundary only across bytes that have already arrived.
        byte[] stored;
        try (InputStream object = minio.getObject(GetObjectArgs.builder().bucket(StackConfig.BUCKET).object(key).build())) {
            stored = object.readAllBytes();
        }
        try (InputStream unzipped = new GZIPInputStream(new java.io.ByteArrayInputStream(stored))) {
            assertThat(unzipped.readAllBytes()).isEqualTo(bigOutput);
        }
    }

    @Test
    void theGatewayServesTheKeptTailAndStreamsTheFullOriginal() throws Exception {
        String base = "/api/v1/runs/" + run.path("id").asText() + "/tasks/big-output/output";
        HttpResponse<String> kept = spool.get(base + "?stream=stdout");
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(kept.headers().firstValue("X-Spool-Truncated")).contains("true");
        String tail = new String(bigOutput, bigOutput.length - 65536, 65536, StandardCharsets.UTF_8);
        assertThat(kept.body()).startsWith("[... " + String.format("%,d", bigOutput.length - 65536) + " bytes (").endsWith(tail);

        HttpResponse<byte[]> full = spool.getBytes(base + "/full?stream=stdout");
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(bigOutput);

        HttpResponse<String> stderr = spool.get("/api/v1/runs/" + run.path("id").asText() + "/tasks/flaky-check/output/full?stream=stderr");
        assertThat(stderr.body()).isEqualTo("check failed: 3 rows are missing\n");
    }

    @Test
    void theStateServiceRecordedATaskOutputRowPerStreamOfEveryTaskThatRan() throws Exception {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        try (Connection db = DriverManager.getConnection(spool.config.jdbcUrl(), "postgres", "postgres");
             PreparedStatement query = db.prepareStatement("""
                     select task_id, stream, task_status, exit_code, original_bytes, kept_bytes, truncated, object_key, content
                     from state.task_outputs where run_id = ?""")) {
            query.setObject(1, UUID.fromString(run.path("id").asText()));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (String column : new String[]{"task_status", "exit_code", "original_bytes", "kept_bytes", "truncated", "object_key", "content"}) {
                        row.put(column, result.getObject(column));
                    }
                    rows.put(result.getString("task_id") + "/" + result.getString("stream"), row);
                }
            }
        }
        assertThat(rows).containsOnlyKeys("prepare/stdout", "prepare/stderr", "big-output/stdout", "big-output/stderr",
                "flaky-check/stdout", "flaky-check/stderr");
        assertThat(rows.get("prepare/stdout")).containsEntry("content", "preparing the data set\n").containsEntry("exit_code", 0);
        assertThat(rows.get("flaky-check/stderr")).containsEntry("task_status", "FAILED").containsEntry("exit_code", 3)
                .containsEntry("content", "check failed: 3 rows are missing\n");
        assertThat(rows.get("big-output/stdout"))
                .containsEntry("original_bytes", (long) bigOutput.length)
                .containsEntry("kept_bytes", 65536L)
                .containsEntry("truncated", true);
        assertThat((String) rows.get("big-output/stdout").get("content")).endsWith("row 200000\n");
        assertThat(rows.get("big-output/stdout").get("object_key")).isEqualTo(
                SpoolStack.task(run, "big-output").path("outputs").path("stdout").path("object_key").asText());
        assertThat(rows.get("big-output/stderr")).containsEntry("content", "done: 200000 rows\n").containsEntry("object_key", null);
    }
}
