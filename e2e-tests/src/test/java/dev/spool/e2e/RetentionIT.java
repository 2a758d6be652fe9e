package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Finished runs past their retention (60 s on the test stack) go, with their records and their stored objects. */
class RetentionIT {

    private static SpoolStack spool;

    @BeforeAll
    static void stack() {
        spool = SpoolStack.get();
    }

    @Test
    void aFinishedRunIsDeletedWithItsOutputsOnceItIsPastItsRetention() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: retained
                tasks:
                  - id: big
                    command: "seq 1 300000"
                    limits: {max_stdout_bytes: 1024, external_storage_threshold: 1024}
                """);
        String runId = run.path("id").asText();
        String key = SpoolStack.task(run, "big").path("outputs").path("stdout").path("object_key").asText();
        assertThat(key).startsWith("runs/" + runId + "/");
        assertThat(storage(key).statusCode()).isEqualTo(200);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        int status = 200;
        while (Instant.now().isBefore(deadline) && status != 404) {
            Thread.sleep(2000);
            status = spool.get("/api/v1/runs/" + runId).statusCode();
        }
        assertThat(status).as("the run is gone from the gateway").isEqualTo(404);
        assertThat(state("/api/v1/outputs/" + runId + "/big").statusCode()).isEqualTo(404);
        assertThat(storage(key).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> state(String path) throws Exception {
        return spool.http.send(spool.internal(spool.config.statePort(), path).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> storage(String key) throws Exception {
        return spool.http.send(spool.internal(spool.config.storagePort(), "/api/v1/objects/" + key).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
