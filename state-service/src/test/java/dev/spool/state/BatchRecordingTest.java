package dev.spool.state;

import dev.spool.support.testing.OnVertx;
import dev.spool.support.testing.EmbeddedPostgresResource;
import dev.spool.contracts.TaskResult;
import dev.spool.state.service.OutputRecorder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.spool.support.testing.InternalCalls.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class BatchRecordingTest {

    @Inject
    OutputRecorder recorder;

    @Test
    void aBacklogOfThousandsIsRecordedInOneCall() {
        UUID run = UUID.randomUUID();
        List<TaskResult> results = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            results.add(Records.result(run, "t-" + i, 1, "line\n", Instant.now()));
        }
        OnVertx.await(() -> recorder.recordAll(results));

        given().queryParam("limit", 1000).queryParam("type", "stdout").get("/api/v1/runs/{run}/outputs", run).then().statusCode(200)
                .body("items.size()", equalTo(1000));
    }

    @Test
    void aResultDeliveredTwiceInOneBatchIsRecordedOnce() {
        UUID run = UUID.randomUUID();
        TaskResult once = Records.result(run, "t", 1, "line\n", Instant.now());
        OnVertx.await(() -> recorder.recordAll(List.of(once, Records.result(run, "u", 1, "x\n", Instant.now()), once)));

        given().get("/api/v1/runs/{run}/outputs", run).then().statusCode(200).body("items.size()", equalTo(4));
    }

    @Test
    void batchesOfManyRunsAreRecordedOneAfterAnother() {
        UUID[] runs = new UUID[50];
        for (int r = 0; r < runs.length; r++) {
            runs[r] = UUID.randomUUID();
        }
        for (int batch = 0; batch < 3; batch++) {
            List<TaskResult> results = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                results.add(Records.result(runs[i % 50], "t-" + batch + "-" + i, 1, "line\n", Instant.now()));
            }
            OnVertx.await(() -> recorder.recordAll(results));
        }
        given().queryParam("limit", 1000).get("/api/v1/runs/{run}/outputs", runs[0]).then().statusCode(200)
                .body("items.size()", equalTo(60));
    }
}
