package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix, on the whole stack: each role, of the run's own tenant and of another, against every
 * endpoint that names a run, with the status each must get. A tenant's run is invisible to another tenant (404, as
 * a missing run), a viewer changes nothing (403, whoever's the run, so the same as for a run that does not exist),
 * and no token gets in (401).
 */
class AuthorizationIT {

    private static final String WORKFLOW = "name: matrix\ntasks:\n  - {id: greet, command: 'echo hello'}\n";

    private static SpoolStack spool;

    @BeforeAll
    static void stack() {
        spool = SpoolStack.get();
    }

    private record Call(String method, String path, boolean changes) {
    }

    @Test
    void everyRoleOfEveryTenantGetsWhatItMayAndNoMore() throws Exception {
        String teamA = tenant();
        String teamB = tenant();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("viewer of the run's tenant", token(teamA, "viewer"));
        callers.put("submitter of the run's tenant", token(teamA, "submitter"));
        callers.put("viewer of another tenant", token(teamB, "viewer"));
        callers.put("submitter of another tenant", token(teamB, "submitter"));
        callers.put("admin", null);

        HttpResponse<String> submitted = send("POST", "/api/v1/runs", callers.get("submitter of the run's tenant"), WORKFLOW);
        String run = spool.submitted(submitted);
        String ended = spool.awaitEnd(run, Duration.ofMinutes(1)).path("status").asText();
        assertThat(ended).isEqualTo("SUCCEEDED");

        List<Call> calls = List.of(
                new Call("GET", "/api/v1/runs/" + run, false),
                new Call("GET", "/api/v1/runs/" + run + "/status", false),
                new Call("GET", "/api/v1/runs/" + run + "/tasks/greet/attempts", false),
                new Call("GET", "/api/v1/runs/" + run + "/tasks/greet/output?stream=stdout", false),
                new Call("GET", "/api/v1/runs/" + run + "/tasks/greet/context", false),
                new Call("GET", "/api/v1/runs/" + run + "/outputs", false),
                new Call("GET", "/api/v1/runs/" + run + "/context-metrics", false),
                new Call("GET", "/api/v1/storage/usage?run=" + run, false),
                new Call("POST", "/api/v1/runs/" + run + "/prune?dry_run=true", true),
                new Call("POST", "/api/v1/runs/" + run + "/pause", true),
                new Call("POST", "/api/v1/runs/" + run + "/resume", true),
                new Call("POST", "/api/v1/runs/" + run + "/cancel", true),
                new Call("POST", "/api/v1/runs/" + run + "/tasks/greet/retry", true));

        List<String> wrong = new ArrayList<>();
        for (Call call : calls) {
            expect(wrong, "no token", call, send(call.method(), call.path(), "", null), 401);
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                HttpResponse<String> answer = send(call.method(), call.path(), caller.getValue(), null);
                String who = caller.getKey();
                if (who.startsWith("viewer") && call.changes()) {
                    // The role is checked first: a viewer is refused any change, on any run id, so nothing leaks.
                    expect(wrong, who, call, answer, 403);
                    HttpResponse<String> missing = send(call.method(), call.path().replace(run, UUID.randomUUID().toString()), caller.getValue(), null);
                    expect(wrong, who + " (a run that does not exist)", call, missing, 403);
                } else if (who.contains("another tenant")) {
                    expect(wrong, who, call, answer, 404);
                    if (answer.statusCode() == 404 && !answer.body().contains("run_not_found")) {
                        wrong.add(who + " " + call + ": a 404 other than run_not_found: " + answer.body());
                    }
                } else if (List.of(401, 403, 404).contains(answer.statusCode()) || answer.statusCode() >= 500) {
                    wrong.add(who + " " + call + ": " + answer.statusCode() + " " + answer.body());
                }
            }
        }
        assertThat(wrong).as("calls answered otherwise than the matrix says").isEmpty();

        JsonNode listedByB = spool.json.readTree(send("GET", "/api/v1/runs?limit=500", callers.get("viewer of another tenant"), null).body());
        assertThat(listedByB.path("runs").findValuesAsText("id")).doesNotContain(run);
    }

    @Test
    void onlyTheGatewayIsPublicTheOtherServicesWantTheSharedCredential() throws Exception {
        String attempt = UUID.randomUUID().toString();
        Map<String, HttpRequest.Builder> calls = Map.of(
                "worker", HttpRequest.newBuilder(URI.create(spool.config.url(spool.config.workerPort(1)) + "/api/v1/attempts/" + attempt + "/output")),
                "state", HttpRequest.newBuilder(URI.create(spool.config.url(spool.config.statePort()) + "/api/v1/outputs/" + attempt + "/build")),
                "storage", HttpRequest.newBuilder(URI.create(spool.config.url(spool.config.storagePort()) + "/api/v1/objects/runs/" + attempt + "/x")),
                "state, with a token of the gateway's", HttpRequest.newBuilder(URI.create(spool.config.url(spool.config.statePort()) + "/api/v1/outputs/" + attempt + "/build"))
                        .header("Authorization", spool.authorization()));
        for (Map.Entry<String, HttpRequest.Builder> call : calls.entrySet()) {
            HttpResponse<String> answer = spool.http.send(call.getValue().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(call.getKey() + ": " + answer.body()).isEqualTo(401);
            assertThat(answer.body()).as(call.getKey()).contains("internal_credential_required", "X-Spool-Internal-Token");
        }
        HttpResponse<String> shown = spool.http.send(spool.internal(spool.config.statePort(), "/api/v1/outputs/" + attempt + "/build").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(404);
        assertThat(shown.body()).as("past the credential, to the resource").doesNotContain("internal_credential_required");
        HttpResponse<String> probe = spool.http.send(HttpRequest.newBuilder(URI.create(spool.config.url(spool.config.workerPort(1)) + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(probe.statusCode()).isEqualTo(200);
    }

    private static void expect(List<String> wrong, String who, Call call, HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            wrong.add(who + " " + call + ": expected " + status + ", got " + answer.statusCode() + " " + answer.body());
        }
    }

    /** A call with that token: null for the stack's admin, "" for none at all. */
    private static HttpResponse<String> send(String method, String path, String token, String yaml) throws Exception {
        HttpRequest.Builder request = token == null ? spool.request(path) : HttpRequest.newBuilder(URI.create(spool.gateway() + path));
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (yaml != null) {
            request.header("Content-Type", "application/yaml");
        }
        request.method(method, yaml == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(yaml));
        return spool.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tenant() throws Exception {
        String name = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = spool.http.send(spool.request("/api/v1/tenants").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    private static String token(String tenant, String role) throws Exception {
        HttpResponse<String> issued = spool.http.send(spool.request("/api/v1/tenants/" + tenant + "/tokens").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + role + "\", \"role\": \"" + role + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return spool.json.readTree(issued.body()).path("token").asText();
    }
}
