package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's quota of stored bytes: what its runs keep in the bucket, counted by the tenant each output carries from
 * its dispatch, stops its new runs once it is over; another tenant goes on.
 */
class StoredBytesQuotaIT {

    private static SpoolStack spool;

    @BeforeAll
    static void startStack() {
        spool = SpoolStack.get();
    }

    @Test
    void aTenantOverItsStoredBytesIsAskedToFreeRoomAndOthersGoOn() throws Exception {
        String tenant = "stored-" + UUID.randomUUID().toString().substring(0, 8);
        send("POST", "/api/v1/tenants", null, "{\"name\": \"" + tenant + "\"}", 201);
        String token = spool.json.readTree(send("POST", "/api/v1/tenants/" + tenant + "/tokens", null,
                "{\"name\": \"ci\", \"role\": \"submitter\"}", 201)).path("token").asText();

        String workflow = """
                name: stores
                tasks:
                  - id: big
                    command: "seq 1 200000"
                    limits: {external_storage_threshold: 1024}
                """;
        String runId = spool.json.readTree(send("POST", "/api/v1/runs", token, workflow, 201)).path("id").asText();
        JsonNode run = spool.awaitEnd(runId, Duration.ofMinutes(1));
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        long stored = spool.json.readTree(send("GET", "/api/v1/storage/usage?run=" + runId, token, null, 200)).path("stored_bytes").asLong();
        assertThat(stored).isPositive();

        send("PUT", "/api/v1/tenants/" + tenant + "/quotas", null, "{\"stored_bytes\": " + stored + "}", 200);
        HttpResponse<String> refused = request("POST", "/api/v1/runs", token, workflow);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("quota_exceeded", "stores " + stored + " bytes", "stored_bytes");

        assertThat(spool.submit(workflow, "application/yaml").statusCode()).as("another tenant").isEqualTo(201);
        send("PUT", "/api/v1/tenants/" + tenant + "/quotas", null, "{\"stored_bytes\": " + (stored * 100) + "}", 200);
        assertThat(request("POST", "/api/v1/runs", token, workflow).statusCode()).isEqualTo(201);
    }

    /** A call with that token, or as the stack's admin when null; the status must be the one given. */
    private static String send(String method, String path, String token, String body, int status) throws Exception {
        HttpResponse<String> answer = request(method, path, token, body);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
        return answer.body();
    }

    private static HttpResponse<String> request(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = token == null ? spool.request(path)
                : HttpRequest.newBuilder(URI.create(spool.gateway() + path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", body.startsWith("{") ? "application/json" : "application/yaml");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return spool.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
