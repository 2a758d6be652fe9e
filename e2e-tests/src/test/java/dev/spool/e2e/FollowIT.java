package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code follow=true}: a running task's output read as it is printed, from the worker that runs it, through the
 * gateway; and the same request on a task that has ended.
 */
class FollowIT {

    private final SpoolStack spool = SpoolStack.get();

    private HttpResponse<java.io.InputStream> follow(String runId, String query) throws Exception {
        return spool.http.send(spool.request("/api/v1/runs/" + runId + "/tasks/ticks/output?" + query)
                .build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private String taskStatus(String runId) throws Exception {
        return SpoolStack.task(spool.json.readTree(spool.get("/api/v1/runs/" + runId).body()), "ticks").path("status").asText();
    }

    @Test
    void aFollowerReadsEachLineWhileTheTaskRunsAndTheStreamEndsWithIt() throws Exception {
        String runId = spool.submitted(spool.submit("""
                name: ticking
                tasks:
                  - {id: ticks, command: "for i in 1 2 3 4 5 6 7 8 9 10; do echo tick $i; sleep 1; done"}
                """, "application/yaml"));
        spool.awaitTaskStatus(runId, "ticks", "RUNNING");

        HttpResponse<java.io.InputStream> live = follow(runId, "stream=stdout&follow=true");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("X-Spool-Live")).hasValue("true");
        List<String> lines = new ArrayList<>();
        String statusWhenTickFourArrived = null;
        String lateJoinerFirstLine = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
                if (line.equals("tick 4")) {
                    statusWhenTickFourArrived = taskStatus(runId);
                    // A second reader joins now, with only the last line of what came before.
                    try (BufferedReader late = new BufferedReader(new InputStreamReader(
                            follow(runId, "stream=stdout&follow=true&tail_lines=1").body(), StandardCharsets.UTF_8))) {
                        lateJoinerFirstLine = late.readLine();
                    }
                }
            }
        }
        assertThat(lines).containsExactlyElementsOf(IntStream.rangeClosed(1, 10).mapToObj(i -> "tick " + i).toList());
        assertThat(statusWhenTickFourArrived).as("tick 4 was read while the task still ran").isEqualTo("RUNNING");
        assertThat(lateJoinerFirstLine).as("a reader joining with tail_lines=1").matches("tick [45]");

        spool.awaitEnd(runId, java.time.Duration.ofSeconds(60));
        HttpResponse<java.io.InputStream> ended = follow(runId, "stream=stdout&follow=true");
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(new String(ended.body().readAllBytes(), StandardCharsets.UTF_8)).as("an ended task answers its output and ends")
                .isEqualTo(IntStream.rangeClosed(1, 10).mapToObj(i -> "tick " + i + "\n").reduce("", String::concat));
        HttpResponse<java.io.InputStream> endedTail = follow(runId, "stream=stdout&follow=true&tail_lines=2");
        assertThat(new String(endedTail.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("tick 9\ntick 10\n");
    }

    @Test
    void manyFollowersEachReadTheWholeStream() throws Exception {
        String runId = spool.submitted(spool.submit("""
                name: ticking
                tasks:
                  - {id: ticks, command: "for i in $(seq 1 20000); do echo line $i; done; sleep 2; echo done"}
                """, "application/yaml"));
        spool.awaitTaskStatus(runId, "ticks", "RUNNING");
        // More followers than an HTTP client pools connections by default (5): each must be live, not queued behind the others.
        List<CompletableFuture<String>> readers = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<java.io.InputStream> answer = follow(runId, "stream=stdout&follow=true&tail_lines=0");
                return answer.statusCode() + " live=" + answer.headers().firstValue("X-Spool-Live").orElse("no") + " "
                        + new String(answer.body().readAllBytes(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        for (CompletableFuture<String> reader : readers) {
            assertThat(reader.get(60, java.util.concurrent.TimeUnit.SECONDS)).startsWith("200 live=true ").endsWith("done\n");
        }
        JsonNode run = spool.awaitEnd(runId, java.time.Duration.ofSeconds(60));
        assertThat(SpoolStack.task(run, "ticks").path("status").asText()).isEqualTo("SUCCEEDED");
    }
}
