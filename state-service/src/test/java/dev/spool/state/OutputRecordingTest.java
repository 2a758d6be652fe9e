package dev.spool.state;

import dev.spool.support.testing.OnVertx;
import dev.spool.support.testing.EmbeddedPostgresResource;
import dev.spool.contracts.TaskResult;
import dev.spool.state.service.OutputRecorder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.spool.support.testing.InternalCalls.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class OutputRecordingTest {

    @Inject
    OutputRecorder recorder;

    private final UUID run = UUID.randomUUID();
    private final Instant start = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anAttemptIsRecordedOnceHoweverOftenItsResultArrives() {
        TaskResult result = Records.result(run, "build", 1, "compiled 12 files\n", "{\"version\":\"1.2\"}", "builder", start);

        assertThat(OnVertx.await(() -> recorder.record(result))).isTrue();
        assertThat(OnVertx.await(() -> recorder.record(result))).isFalse();

        given().get("/api/v1/runs/{run}/outputs", run).then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.output_type", equalTo(List.of("result", "stderr", "stdout")))
                .body("items[2].content", nullValue())
                .body("items[2].original_size", equalTo(18))
                .body("items[2].usage.peak_rss_bytes", equalTo(4096))
                .body("next_cursor", nullValue());
    }

    @Test
    void theResultIsAnOutputOfItsOwnWithItsJson() {
        OnVertx.await(() -> recorder.record(Records.result(run, "build", 1, "ok\n", "{\"version\":\"1.2\"}", null, start)));

        given().get("/api/v1/outputs/{run}/build?stream=result", run).then().statusCode(200)
                .body("output_type", equalTo("result"))
                .body("content", equalTo("{\"version\":\"1.2\"}"));
    }

    @Test
    void aRunsOutputsArePagedByCursorAndFilteredByTaskAndType() {
        for (int i = 1; i <= 5; i++) {
            int attempt = i;
            OnVertx.await(() -> recorder.record(Records.result(run, "loop", attempt, "iteration " + attempt + "\n", start.plusSeconds(attempt))));
        }
        OnVertx.await(() -> recorder.record(Records.result(run, "other", 1, "x\n", start.plusSeconds(10))));

        List<Integer> attempts = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("task", "loop").queryParam("type", "stdout").queryParam("limit", 2).queryParam("content", true);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ValidatableResponse page = request.get("/api/v1/runs/{run}/outputs", run).then().statusCode(200);
            attempts.addAll(page.extract().jsonPath().getList("items.attempt", Integer.class));
            assertThat(page.extract().jsonPath().getList("items.content", String.class)).allMatch(text -> text.startsWith("iteration "));
            cursor = page.extract().jsonPath().getString("next_cursor");
            pages++;
        } while (cursor != null);

        assertThat(attempts).containsExactly(1, 2, 3, 4, 5);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aCursorThatWasNotGivenOutIsRefusedWithAnActionableError() {
        given().queryParam("cursor", "not-a-cursor").get("/api/v1/runs/{run}/outputs", run).then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("message", containsString("next_cursor"));
        given().queryParam("type", "logs").get("/api/v1/runs/{run}/outputs", run).then().statusCode(400)
                .body("message", containsString("stdout, stderr or result"));
        given().queryParam("limit", "0").get("/api/v1/runs/{run}/outputs", run).then().statusCode(400);
    }
}
