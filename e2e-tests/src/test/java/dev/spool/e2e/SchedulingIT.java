package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler's engine on the real stack: retries, loops, pause and resume, re-running a task, conditions. */
class SchedulingIT {

    private static SpoolStack spool;

    @BeforeAll
    static void stack() {
        spool = SpoolStack.get();
    }

    @Test
    void aFlakyTaskSucceedsOnItsThirdAttemptAfterBackoff() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: flaky
                tasks:
                  - id: flaky
                    command: 'echo "try $SPOOL_ATTEMPT"; test "$SPOOL_ATTEMPT" -ge 3'
                    retry: {max_attempts: 3, backoff: exponential, initial_delay: 200ms}
                  - {id: after, command: "echo after", depends_on: [flaky]}
                """);
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode flaky = SpoolStack.task(run, "flaky");
        assertThat(flaky.path("attempt").asInt()).isEqualTo(3);
        assertThat(flaky.path("tries").asInt()).isEqualTo(3);
        JsonNode attempts = spool.attempts(run.path("id").asText(), "flaky");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(attempts.get(1).path("status").asText()).isEqualTo("FAILED");
        assertThat(attempts.get(2).path("exit_code").asInt()).isEqualTo(1);
        // The second retry waited about twice as long as the first: exponential backoff from 200 ms.
        Duration firstWait = Duration.between(Instant.parse(attempts.get(2).path("finished_at").asText()),
                Instant.parse(attempts.get(1).path("dispatched_at").asText()));
        Duration secondWait = Duration.between(Instant.parse(attempts.get(1).path("finished_at").asText()),
                Instant.parse(attempts.get(0).path("dispatched_at").asText()));
        assertThat(firstWait).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(secondWait).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(spool.get("/api/v1/runs/" + run.path("id").asText() + "/tasks/flaky/output").body()).isEqualTo("try 3\n");
    }

    @Test
    void aLoopRepeatsUntilItsCheckPassesEachIterationWithItsOwnOutput() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: loop
                tasks:
                  - id: converge
                    command: 'echo "iteration $SPOOL_ITERATION"; exit $(( SPOOL_ITERATION < 5 ? 1 : 3 ))'
                    loop: {max_iterations: 20, until: exit_code == 3}
                """);
        JsonNode converge = SpoolStack.task(run, "converge");
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(converge.path("iteration").asInt()).isEqualTo(5);
        assertThat(converge.path("status_reason").asText()).isEqualTo("the loop ended after 5 iterations: 'exit_code == 3' held");
        assertThat(spool.attempts(run.path("id").asText(), "converge")).hasSize(5);
        assertThat(spool.get("/api/v1/runs/" + run.path("id").asText() + "/tasks/converge/output?attempt=2").body()).isEqualTo("iteration 2\n");
    }

    @Test
    void whenAndAlternativesDecideWhatRunsAndSaySoWhenTheySkip() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: conditions
                tasks:
                  - {id: fetch, command: "exit 4"}
                  - {id: mirror, command: "echo from-mirror"}
                  - id: use
                    command: 'echo "using; default=$SPOOL_DEFAULT_OUTPUT_LINT"'
                    depends_on:
                      - {task: fetch, on_failure: {run_alternative: mirror}}
                      - {task: lint, on_failure: {use_default: "no lint"}}
                  - {id: lint, command: "exit 1"}
                  - {id: only-on-failure, command: "echo cleanup", depends_on: [fetch], dependency_strategy: best_effort, when: "fetch.exit_code == 4"}
                  - {id: only-on-success, command: "echo deploy", depends_on: [fetch], dependency_strategy: best_effort, when: "fetch.succeeded"}
                """);
        assertThat(SpoolStack.task(run, "mirror").path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode use = SpoolStack.task(run, "use");
        assertThat(use.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(use.path("warnings").toString()).contains("its alternative 'mirror' succeeded").contains("its default output is used");
        assertThat(spool.get("/api/v1/runs/" + run.path("id").asText() + "/tasks/use/output").body()).isEqualTo("using; default=no lint\n");
        assertThat(SpoolStack.task(run, "only-on-failure").path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode skipped = SpoolStack.task(run, "only-on-success");
        assertThat(skipped.path("status").asText()).isEqualTo("SKIPPED");
        assertThat(skipped.path("status_reason").asText()).isEqualTo("its condition 'fetch.succeeded' is false (fetch failed with exit code 4)");
    }

    @Test
    void aSecretReferenceIsResolvedOnTheWorkerAndMaskedAndAMissingOneFailsTheTaskSayingWhere() throws Exception {
        java.nio.file.Path secrets = java.nio.file.Files.createDirectories(spool.config.dir().resolve("secrets"));
        java.nio.file.Files.writeString(secrets.resolve("e2e-token"), "s3cr3t-value\n");
        JsonNode run = spool.runToEnd("""
                name: secret-refs
                tasks:
                  - id: uses
                    command: 'echo "token=$TOKEN"; test "$TOKEN" = s3cr3t-value'
                    env: {TOKEN: {secret_ref: e2e-token}}
                  - id: missing
                    command: 'echo never'
                    env: {TOKEN: {secret_ref: not-there}}
                """);
        String runId = run.path("id").asText();
        assertThat(SpoolStack.task(run, "uses").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(spool.get("/api/v1/runs/" + runId + "/tasks/uses/output").body()).isEqualTo("token=***\n");
        JsonNode missing = SpoolStack.task(run, "missing");
        assertThat(missing.path("exit_code").asInt()).isEqualTo(126);
        assertThat(missing.path("status_reason").asText()).startsWith("secret 'not-there' (for TOKEN) is not on this worker: put it in ")
                .endsWith("or set SPOOL_SECRET_NOT_THERE in the worker's environment");
        // The value is nowhere in what Spool keeps about the run.
        assertThat(spool.get("/api/v1/runs/" + runId).body()).doesNotContain("s3cr3t-value");
    }

    @Test
    void aPausedRunDispatchesNothingNewUntilResumedWhileItsRunningTaskFinishes() throws Exception {
        String runId = spool.submitted(spool.submit("""
                name: pausable
                tasks:
                  - {id: first, command: "sleep 2"}
                  - {id: second, command: "echo second", depends_on: [first]}
                """, "application/yaml"));
        spool.awaitTaskStatus(runId, "first", "RUNNING");
        HttpResponse<String> paused = spool.post("/api/v1/runs/" + runId + "/pause");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(spool.json.readTree(paused.body()).path("status").asText()).isEqualTo("PAUSED");
        spool.awaitTaskStatus(runId, "first", "SUCCEEDED");
        Thread.sleep(2000);
        JsonNode run = spool.json.readTree(spool.get("/api/v1/runs/" + runId).body());
        assertThat(run.path("status").asText()).isEqualTo("PAUSED");
        assertThat(SpoolStack.task(run, "second").path("status").asText()).isEqualTo("READY");

        assertThat(spool.post("/api/v1/runs/" + runId + "/resume").statusCode()).isEqualTo(200);
        JsonNode ended = spool.awaitEnd(runId, Duration.ofSeconds(30));
        assertThat(ended.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(spool.post("/api/v1/runs/" + runId + "/resume").statusCode()).isEqualTo(409);
    }

    @Test
    void cancellingStopsTheRunningTaskAndEverythingAfterIt() throws Exception {
        String runId = spool.submitted(spool.submit("""
                name: cancellable
                tasks:
                  - {id: long, command: "sleep 60"}
                  - {id: next, command: "echo never", depends_on: [long]}
                """, "application/yaml"));
        spool.awaitTaskStatus(runId, "long", "RUNNING");
        assertThat(spool.post("/api/v1/runs/" + runId + "/cancel?reason=test").statusCode()).isEqualTo(202);
        JsonNode run = spool.awaitEnd(runId, Duration.ofSeconds(30));
        assertThat(run.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(SpoolStack.task(run, "long").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(SpoolStack.task(run, "next").path("status_reason").asText()).isEqualTo("the run was cancelled: test");
    }

    @Test
    void aFailedTaskRunsAgainOnRequestWithWhatDependedOnIt() throws Exception {
        String marker = "/tmp/spool-e2e-" + UUID.randomUUID();
        JsonNode failed = spool.runToEnd("""
                name: rerun
                tasks:
                  - {id: setup, command: "echo setup"}
                  - {id: shaky, command: "test -f %s", depends_on: [setup]}
                  - {id: report, command: "echo report", depends_on: [shaky]}
                """.formatted(marker));
        String runId = failed.path("id").asText();
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(SpoolStack.task(failed, "report").path("status").asText()).isEqualTo("SKIPPED");
        assertThat(spool.post("/api/v1/runs/" + runId + "/tasks/setup/retry").statusCode()).isEqualTo(409);

        java.nio.file.Files.writeString(java.nio.file.Path.of(marker), "");
        try {
            assertThat(spool.post("/api/v1/runs/" + runId + "/tasks/shaky/retry").statusCode()).isEqualTo(202);
            JsonNode run = spool.awaitEnd(runId, Duration.ofSeconds(30));
            assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(SpoolStack.task(run, "shaky").path("attempt").asInt()).isEqualTo(2);
            assertThat(SpoolStack.task(run, "report").path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(SpoolStack.task(run, "setup").path("attempt").asInt()).isEqualTo(1);
        } finally {
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(marker));
        }
    }

    @Test
    void aConcurrencyGroupNeverRunsMoreThanItsLimitAtOnce() throws Exception {
        StringBuilder yaml = new StringBuilder("name: limited\ntasks:\n");
        for (int i = 0; i < 6; i++) {
            yaml.append("  - {id: q").append(i).append(", command: \"sleep 0.5\", concurrency_key: e2e-db, max_concurrency: 2}\n");
        }
        JsonNode run = spool.runToEnd(yaml.toString());
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        // Sweep through every start and end: the number running never goes over the group's limit.
        List<Object[]> edges = new ArrayList<>();
        for (JsonNode task : run.path("tasks")) {
            edges.add(new Object[]{Instant.parse(task.path("started_at").asText()), 1});
            edges.add(new Object[]{Instant.parse(task.path("finished_at").asText()), -1});
        }
        edges.sort((a, b) -> {
            int byTime = ((Instant) a[0]).compareTo((Instant) b[0]);
            return byTime != 0 ? byTime : Integer.compare((int) a[1], (int) b[1]);
        });
        int running = 0;
        int most = 0;
        for (Object[] edge : edges) {
            running += (int) edge[1];
            most = Math.max(most, running);
        }
        assertThat(most).isEqualTo(2);
    }

    @Test
    void runsAreListedNewestFirstWithFiltersAndACursor() throws Exception {
        String name = "listed-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(spool.submitted(spool.submit("name: " + name + "\ntasks:\n  - {id: a, command: \"true\"}\n", "application/yaml")));
        }
        JsonNode first = spool.json.readTree(spool.get("/api/v1/runs?name=" + name + "&limit=2").body());
        assertThat(first.path("runs")).hasSize(2);
        assertThat(first.path("runs").get(0).path("id").asText()).isEqualTo(ids.get(2));
        JsonNode second = spool.json.readTree(spool.get("/api/v1/runs?name=" + name + "&limit=2&cursor=" + first.path("next_cursor").asText()).body());
        assertThat(second.path("runs")).hasSize(1);
        assertThat(second.path("runs").get(0).path("id").asText()).isEqualTo(ids.get(0));
        assertThat(second.path("next_cursor").isNull()).isTrue();
        HttpResponse<String> badStatus = spool.get("/api/v1/runs?status=DONE");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("status 'DONE' is not a run status; use one of RUNNING, SUCCEEDED, FAILED, CANCELLED, PAUSED");
    }

    @Test
    void validateChecksWithoutRunningAndOversizedDocumentsAreRefusedWith413() throws Exception {
        HttpResponse<String> valid = spool.http.send(spool.request("/api/v1/workflows/validate")
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("name: v\ntasks:\n  - {id: a, command: ls, limits: {max_stdout_bytes: 10}}\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(spool.json.readTree(valid.body()).path("warnings").get(0).asText()).contains("under 1 KB");
        HttpResponse<String> cycle = spool.http.send(spool.request("/api/v1/workflows/validate")
                .POST(HttpRequest.BodyPublishers.ofString("name: v\ntasks:\n  - {id: a, command: ls, depends_on: [b]}\n  - {id: b, command: ls, depends_on: [a]}\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cycle.statusCode()).isEqualTo(400);
        assertThat(cycle.body()).contains("dependency cycle: a -> b -> a");

        String huge = "name: huge\ntasks:\n  - {id: a, command: ls}\n#" + "x".repeat(1_100_000) + "\n";
        HttpResponse<String> tooLarge = spool.submit(huge, "application/yaml");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("over the limit of 1048576 bytes");
    }
}
