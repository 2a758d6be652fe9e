package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Parts of the stack going away while tasks run: nothing a task printed is lost. */
class ResilienceIT {

    private static SpoolStack spool;

    @BeforeAll
    static void stack() {
        spool = SpoolStack.get();
    }

    @Test
    void aWorkerStoppedWithSigtermLetsItsRunningTaskFinishFirst() throws Exception {
        HttpResponse<String> submitted = spool.submit("""
                name: drain
                tasks:
                  - {id: slow, command: "echo begun; sleep 3; echo finished"}
                """, "application/yaml");
        String runId = spool.json.readTree(submitted.body()).path("id").asText();
        spool.awaitTaskStatus(runId, "slow", "RUNNING");
        try {
            spool.stack.stop("worker-service");
        } finally {
            spool.stack.start("worker-service");
        }
        JsonNode run = spool.awaitEnd(runId, Duration.ofSeconds(30));
        assertThat(SpoolStack.task(run, "slow").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(spool.get("/api/v1/runs/" + runId + "/tasks/slow/output").body()).isEqualTo("begun\nfinished\n");
    }

    @Test
    void withObjectStorageDownTheTaskStillSucceedsWithItsKeptTextAndSaysTheCopyFailed() throws Exception {
        JsonNode run;
        try {
            spool.stack.stop("storage-service");
            run = spool.runToEnd("""
                    name: storage-down
                    tasks:
                      - id: big
                        command: "seq 1 400000"
                        limits: {max_stdout_bytes: 2048, external_storage_threshold: 1024}
                    """, Duration.ofMinutes(2));
        } finally {
            spool.stack.start("storage-service");
        }
        JsonNode big = SpoolStack.task(run, "big");
        assertThat(big.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode stdout = big.path("outputs").path("stdout");
        assertThat(stdout.path("external_storage_failed").asBoolean()).isTrue();
        assertThat(stdout.path("storage_error").asText()).startsWith("the full output could not be stored, after retries");
        assertThat(stdout.path("object_key").isNull()).isTrue();
        HttpResponse<String> kept = spool.get("/api/v1/runs/" + run.path("id").asText() + "/tasks/big/output");
        assertThat(kept.headers().firstValue("X-Spool-External-Storage-Failed")).contains("true");
        assertThat(kept.body()).endsWith("399999\n400000\n");
    }
}
