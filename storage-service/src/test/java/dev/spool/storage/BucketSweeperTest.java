package dev.spool.storage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.spool.support.testing.InternalCalls.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweeper against a real S3 server: it deletes outputs older than the retention and orphans older than the
 * grace, and keeps what a record points at, what is young, and what it could not check. The objects' ages are set
 * on the server's own files.
 */
@QuarkusTest
@TestProfile(BucketSweeperTest.SmallBatches.class)
@QuarkusTestResource(value = S3ServerResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StateServiceStub.class, restrictToAnnotatedClass = true)
class BucketSweeperTest {

    /** Batches of two, so that a pass of a handful of outputs takes several; no timer, passes are asked for. */
    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("spool.storage.sweeper.enabled", "false", "spool.storage.sweeper.batch-size", "2",
                    "spool.storage.sweeper.grace", "1h", "spool.storage.retention-days", "31");
        }
    }

    @S3ProcessResource.InjectS3Server
    S3ProcessResource s3;

    @AfterEach
    void stateAnswersAgain() {
        StateServiceStub.DOWN.set(false);
    }

    private String store(String name, Duration age) throws IOException {
        String key = "runs/" + UUID.randomUUID() + "/" + name + "/" + UUID.randomUUID() + "/w/stdout.log";
        given().contentType("application/octet-stream").body(("output of " + name + "\n").getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/objects/" + key).then().statusCode(200);
        given().contentType("application/json").body("{\"version\":1,\"compressed\":false,\"block_bytes\":1048576,\"original_bytes\":1,"
                        + "\"lines\":1,\"ends_with_newline\":true,\"blocks\":[[0,0,1]]}")
                .put("/api/v1/objects/" + key + ".index").then().statusCode(204);
        age(key, age);
        age(key + ".index", age);
        return key;
    }

    private void age(String key, Duration age) throws IOException {
        Path file = s3.dataDir().resolve(S3ProcessResource.BUCKET).resolve(key);
        assertThat(file).as("S3Proxy keeps object " + key + " as a file").isRegularFile();
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }

    private static boolean exists(String key) {
        return given().get("/api/v1/objects/" + key).statusCode() == 200;
    }

    @Test
    void aDryRunSaysWhatWouldGoAndThePassDeletesExactlyThat() throws IOException {
        String wanted = store("wanted", Duration.ofDays(2));
        String orphan = store("orphan", Duration.ofDays(2));
        String young = store("young", Duration.ofMinutes(5));
        String expired = store("expired", Duration.ofDays(40));
        StateServiceStub.REFERENCED.addAll(List.of(wanted, expired));

        JsonPath dryRun = given().post("/api/v1/storage/sweeps?dry_run=true").then().statusCode(200).extract().jsonPath();
        assertThat(dryRun.getBoolean("dry_run")).isTrue();
        assertThat(dryRun.getList("sample", String.class)).contains(orphan, expired).doesNotContain(wanted, young);
        assertThat(List.of(wanted, orphan, young, expired, orphan + ".index")).allMatch(BucketSweeperTest::exists);

        JsonPath pass = given().post("/api/v1/storage/sweeps").then().statusCode(200).extract().jsonPath();
        assertThat(pass.getBoolean("dry_run")).isFalse();
        assertThat(pass.getLong("failed")).isZero();
        assertThat(pass.getString("error")).isNull();
        assertThat(exists(wanted)).as("referenced and inside the retention").isTrue();
        assertThat(exists(young)).as("younger than the grace").isTrue();
        assertThat(exists(orphan)).as("an orphan past the grace").isFalse();
        assertThat(exists(orphan + ".index")).as("an orphan's index goes with it").isFalse();
        assertThat(exists(expired)).as("past the retention, even though referenced").isFalse();
        assertThat(exists(wanted + ".index")).isTrue();
        assertThat(StateServiceStub.LARGEST_QUESTION.get()).as("the state-service is asked a batch at a time").isLessThanOrEqualTo(2);

        assertThat(given().get("/api/v1/storage/sweeps/last").jsonPath().getString("started_at")).isEqualTo(pass.getString("started_at"));
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("spool_storage_sweeper_objects_total\\{dry_run=\"false\",outcome=\"orphaned\"\\} [1-9]")
                .containsPattern("spool_storage_sweeper_objects_total\\{dry_run=\"false\",outcome=\"expired\"\\} [1-9]");
    }

    @Test
    void whenTheStateServiceDoesNotAnswerNoOrphanIsDeletedButExpiredOutputsStillGo() throws IOException {
        String orphan = store("unanswered", Duration.ofDays(2));
        String expired = store("long-gone", Duration.ofDays(40));
        StateServiceStub.DOWN.set(true);

        JsonPath pass = given().post("/api/v1/storage/sweeps").then().statusCode(200).extract().jsonPath();
        assertThat(pass.getLong("unchecked")).isGreaterThanOrEqualTo(1);
        assertThat(pass.getString("error")).contains("state-service", "kept");
        assertThat(exists(orphan)).isTrue();
        assertThat(exists(expired)).isFalse();

        StateServiceStub.DOWN.set(false);
        given().post("/api/v1/storage/sweeps").then().statusCode(200);
        assertThat(exists(orphan)).as("deleted by the next pass, once the state-service answers").isFalse();
    }

    @Test
    void objectsOutsideTheRunsPrefixAreNotSpoolsToDelete() throws IOException {
        given().contentType("application/octet-stream").body("someone else's".getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/objects/exports/report.txt").then().statusCode(200);
        age("exports/report.txt", Duration.ofDays(400));
        given().post("/api/v1/storage/sweeps").then().statusCode(200);
        assertThat(exists("exports/report.txt")).isTrue();
    }

    @Test
    void aServerWithoutLifecycleRulesIsReportedAndLeftToTheSweeper() {
        JsonPath bucket = given().get("/api/v1/storage/bucket").then().statusCode(200).extract().jsonPath();
        assertThat(bucket.getBoolean("lifecycle_supported")).isFalse();
        assertThat(bucket.getInt("retention_days")).isEqualTo(31);
        assertThat(given().get("/q/metrics").asString()).contains("spool_storage_lifecycle_supported 0.0");
    }

    @Test
    void aBadDryRunValueIsRefusedAndNothingIsSwept() {
        given().post("/api/v1/storage/sweeps?dry_run=perhaps").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_request"))
                .body("message", org.hamcrest.Matchers.containsString("dry_run is true or false"));
    }
}
