package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user who sends something wrong gets back: a 400 or 404 that says what and where. */
class GatewayErrorsIT {

    private static SpoolStack spool;

    @BeforeAll
    static void stack() {
        spool = SpoolStack.get();
    }

    private JsonNode refused(String workflow, String contentType) throws Exception {
        HttpResponse<String> response = spool.submit(workflow, contentType);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = spool.json.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_workflow");
        return body;
    }

    @Test
    void malformedYamlNamesTheLine() throws Exception {
        JsonNode body = refused("name: broken\ntasks:\n  - id: a\n    command: [echo, \"unclosed\n", "application/yaml");
        assertThat(body.path("violations").get(0).path("line").asInt()).isEqualTo(4);
        assertThat(body.path("message").asText()).contains("malformed YAML");
    }

    @Test
    void anUnknownDependencyIsNamed() throws Exception {
        JsonNode body = refused("name: x\ntasks:\n  - {id: build, command: [true]}\n  - {id: test, command: [true], depends_on: [biuld]}\n",
                "application/yaml");
        assertThat(body.path("violations").get(0).path("path").asText()).isEqualTo("tasks[1].depends_on[0]");
        assertThat(body.path("violations").get(0).path("message").asText()).contains("unknown task 'biuld'", "did you mean 'build'?");
    }

    @Test
    void aCycleIsReportedWithItsPath() throws Exception {
        JsonNode body = refused("""
                {"name": "x", "tasks": [
                  {"id": "a", "command": ["true"], "depends_on": ["b"]},
                  {"id": "b", "command": ["true"], "depends_on": ["a"]}]}
                """, "application/json");
        assertThat(body.path("message").asText()).contains("dependency cycle: a -> b -> a");
    }

    @Test
    void anUnknownRunIs404() throws Exception {
        HttpResponse<String> response = spool.get("/api/v1/runs/" + UUID.randomUUID());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("run_not_found");
    }

    @Test
    void aCommandThatDoesNotExistFailsItsTaskWithAClearReason() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: missing-program
                tasks:
                  - {id: ghost, command: [spool-no-such-program, --flag]}
                  - {id: after, command: [echo, never], depends_on: [ghost]}
                """);
        JsonNode ghost = SpoolStack.task(run, "ghost");
        assertThat(ghost.path("status").asText()).isEqualTo("FAILED");
        assertThat(ghost.path("exit_code").asInt()).isEqualTo(127);
        assertThat(ghost.path("status_reason").asText()).isEqualTo("command not found: spool-no-such-program");
        assertThat(SpoolStack.task(run, "after").path("status").asText()).isEqualTo("SKIPPED");
    }
}
