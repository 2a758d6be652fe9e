package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.stack.StackConfig;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage-service's sweeper against the real state-service: an object no task output points at goes once it is
 * older than the grace, and a task's stored output of the same age stays. The objects' ages are set on the local S3
 * server's files. Then the storage usage, through the gateway, counts what the run stores.
 */
class BucketSweepIT {

    private final SpoolStack spool = SpoolStack.get();

    private MinioClient minio() {
        return MinioClient.builder().endpoint(spool.config.s3Endpoint())
                .credentials(StackConfig.S3_ACCESS_KEY, StackConfig.S3_SECRET_KEY).region("us-east-1").build();
    }

    private void age(String key, Duration age) throws Exception {
        Path file = spool.config.dir().resolve("s3").resolve("data").resolve(StackConfig.BUCKET).resolve(key);
        assertThat(file).as("the S3 server keeps " + key + " as a file").isRegularFile();
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }

    private boolean inBucket(String key) {
        try {
            minio().statObject(StatObjectArgs.builder().bucket(StackConfig.BUCKET).object(key).build());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** A pass now; while the storage-service's own timer has one running, it answers 409 and is asked again. */
    private JsonNode sweep() throws Exception {
        HttpRequest request = spool.internal(spool.config.storagePort(), "/api/v1/storage/sweeps")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> pass = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            pass.set(spool.http.send(request, HttpResponse.BodyHandlers.ofString()));
            return pass.get().statusCode() != 409;
        });
        assertThat(pass.get().statusCode()).as(pass.get().body()).isEqualTo(200);
        return spool.json.readTree(pass.get().body());
    }

    @Test
    void anOrphanPastTheGraceIsDeletedAndARecordedOutputOfTheSameAgeIsKept() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: swept
                tasks:
                  - {id: big, command: "seq 1 200000", limits: {max_stdout_bytes: 100, external_storage_threshold: 1024}}
                """);
        String runId = run.path("id").asText();
        String recorded = SpoolStack.task(run, "big").path("outputs").path("stdout").path("object_key").asText();
        assertThat(recorded).startsWith("runs/" + runId + "/");

        String orphan = "runs/" + UUID.randomUUID() + "/lost/" + UUID.randomUUID() + "/w/stdout.gz";
        byte[] bytes = "left by a worker whose result never came\n".getBytes();
        minio().putObject(PutObjectArgs.builder().bucket(StackConfig.BUCKET).object(orphan)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
        age(recorded, Duration.ofDays(2));
        age(orphan, Duration.ofDays(2));

        JsonNode pass = sweep();
        assertThat(pass.path("error").isNull()).as(pass.toString()).isTrue();
        // The storage-service's timer may have swept in between; what is left in the bucket is what matters.
        assertThat(pass.path("referenced").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(inBucket(orphan)).as("the orphan").isFalse();
        assertThat(inBucket(recorded)).as("the recorded output").isTrue();
        assertThat(spool.get("/api/v1/runs/" + runId + "/tasks/big/output/full?tail_lines=1").body()).isEqualTo("200000\n");

        JsonNode usage = spool.json.readTree(spool.get("/api/v1/storage/usage?run=" + runId).body());
        long objectBytes = spool.json.readTree(spool.get("/api/v1/runs/" + runId + "/outputs?task=big&type=stdout").body())
                .path("items").get(0).path("object_bytes").asLong();
        assertThat(usage.path("run_id").asText()).isEqualTo(runId);
        assertThat(usage.path("objects").asLong()).isEqualTo(1);
        assertThat(usage.path("stored_bytes").asLong()).isEqualTo(objectBytes).isPositive();
        assertThat(usage.path("original_bytes").asLong()).isEqualTo(1_288_895);
        assertThat(usage.path("compression_ratio").asDouble()).isGreaterThan(2);
        assertThat(usage.path("bucket").path("lifecycle_supported").asBoolean(true)).as("S3Proxy has no lifecycle rules").isFalse();
        assertThat(usage.path("bucket").path("last_sweep").path("scanned").asLong()).isPositive();

        JsonNode all = spool.json.readTree(spool.get("/api/v1/storage/usage").body());
        assertThat(all.path("objects").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(all.path("stored_bytes").asLong()).isGreaterThanOrEqualTo(objectBytes);
        assertThat(spool.get("/api/v1/storage/usage?run=" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }
}
