package dev.spool.scheduler.rest;

import dev.spool.support.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Who may call the gateway: bearer tokens, tenants that see only their own runs, and roles that limit what they do. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class AuthorizationTest {

    private static final String ADMIN = "spool_test-admin-token";
    private static final String WORKFLOW = """
            {"name": "hello", "tasks": [{"id": "greet", "command": ["echo", "hello"]}]}""";

    @Test
    void aRequestWithoutATokenIsToldHowToAuthenticate() {
        given().get("/api/v1/runs").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo("unauthenticated"))
                .body("message", containsString("Authorization: Bearer"));
        given().contentType(ContentType.JSON).body(WORKFLOW).post("/api/v1/runs").then().statusCode(401);
    }

    @Test
    void aTokenTheGatewayDidNotIssueLetsNoOneIn() {
        given().auth().oauth2("spool_made-up").get("/api/v1/runs").then().statusCode(401)
                .body("error", equalTo("invalid_token")).body("message", containsString("not one this gateway issued"));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/runs").then().statusCode(401)
                .body("error", equalTo("invalid_token")).body("message", containsString("not a bearer token"));
    }

    @Test
    void theInternalEndpointAdmitsOnlySpoolsOwnServices() {
        String path = "/api/v1/internal/runs/{run}/needs";
        UUID run = UUID.randomUUID();
        given().get(path, run).then().statusCode(401).body("error", equalTo("internal_credential_required"))
                .body("message", containsString("X-Spool-Internal-Token"));
        as(ADMIN).get(path, run).then().statusCode(401);
        given().header("X-Spool-Internal-Token", "a guess").get(path, run).then().statusCode(401);
        given().header("X-Spool-Internal-Token", "test-internal-token").get(path, run).then().statusCode(404)
                .body("error", equalTo("run_not_found"));
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void anotherTenantsRunAnswersAsIfItDidNotExist() {
        String teamA = tenant();
        String teamB = tenant();
        String submitterA = token(teamA, "submitter");
        String submitterB = token(teamB, "submitter");
        String run = submit(submitterA);

        as(submitterA).get("/api/v1/runs/{run}/status", run).then().statusCode(200);
        String unknown = as(submitterB).get("/api/v1/runs/{run}", UUID.randomUUID()).then().statusCode(404).extract().path("error");
        as(submitterB).get("/api/v1/runs/{run}", run).then().statusCode(404).body("error", equalTo(unknown));
        as(submitterB).get("/api/v1/runs/{run}/status", run).then().statusCode(404);
        as(submitterB).get("/api/v1/runs/{run}/tasks/greet/attempts", run).then().statusCode(404).body("error", equalTo("run_not_found"));
        as(submitterB).post("/api/v1/runs/{run}/cancel", run).then().statusCode(404);
        as(submitterB).post("/api/v1/runs/{run}/pause", run).then().statusCode(404);
        as(submitterB).get("/api/v1/storage/usage?run={run}", run).then().statusCode(404);
        as(submitterA).get("/api/v1/runs/{run}", run).then().statusCode(200).body("status", equalTo("RUNNING"));

        as(submitterB).get("/api/v1/runs?limit=500").then().statusCode(200).body("runs.id", not(hasItem(run)));
        as(submitterA).get("/api/v1/runs?limit=500").then().statusCode(200).body("runs.id", hasItem(run));
        as(ADMIN).get("/api/v1/runs/{run}/status", run).then().statusCode(200);
    }

    @Test
    void aViewerReadsButChangesNothing() {
        String team = tenant();
        String viewer = token(team, "viewer");
        String run = submit(token(team, "submitter"));

        as(viewer).get("/api/v1/runs/{run}", run).then().statusCode(200);
        as(viewer).contentType(ContentType.JSON).body(WORKFLOW).post("/api/v1/workflows/validate").then().statusCode(200);
        as(viewer).contentType(ContentType.JSON).body(WORKFLOW).post("/api/v1/runs").then().statusCode(403)
                .body("error", equalTo("forbidden")).body("message", containsString("a viewer reads"));
        as(viewer).post("/api/v1/runs/{run}/cancel", run).then().statusCode(403);
        as(viewer).post("/api/v1/runs/{run}/pause", run).then().statusCode(403);
        as(viewer).post("/api/v1/runs/{run}/prune", run).then().statusCode(403);
        as(viewer).get("/api/v1/runs/{run}", run).then().statusCode(200).body("status", equalTo("RUNNING"));
    }

    @Test
    void onlyAnAdminManagesTenantsAndTokens() {
        String team = tenant();
        String submitter = token(team, "submitter");
        as(submitter).contentType(ContentType.JSON).body("{\"name\": \"mine\"}").post("/api/v1/tenants").then().statusCode(403);
        as(submitter).get("/api/v1/tenants/{t}/tokens", team).then().statusCode(403);
        as(submitter).get("/api/v1/storage/usage").then().statusCode(403).body("message", containsString("?run="));
        as(ADMIN).get("/api/v1/tenants").then().statusCode(200).body("tenants.name", hasItem(team));
    }

    @Test
    void aTokenIsShownOnceAndListedWithoutItsSecret() {
        String team = tenant();
        String secret = as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"ci\", \"role\": \"submitter\", \"expires_in\": \"90d\"}")
                .post("/api/v1/tenants/{t}/tokens", team).then().statusCode(201)
                .body("tenant", equalTo(team)).body("role", equalTo("submitter"))
                .extract().path("token");
        assertThat(secret).startsWith("spool_").hasSizeGreaterThan(40);
        String listed = as(ADMIN).get("/api/v1/tenants/{t}/tokens", team).then().statusCode(200)
                .body("tokens.name", hasItem("ci")).body("tokens.status", hasItem("active")).extract().asString();
        assertThat(listed).doesNotContain(secret);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        String team = tenant();
        var issued = as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"laptop\", \"role\": \"viewer\"}")
                .post("/api/v1/tenants/{t}/tokens", team).then().statusCode(201).extract().jsonPath();
        String secret = issued.getString("token");
        as(secret).get("/api/v1/runs").then().statusCode(200);

        as(ADMIN).delete("/api/v1/tenants/{t}/tokens/{id}", team, issued.getString("id")).then().statusCode(200)
                .body("status", equalTo("revoked"));
        as(secret).get("/api/v1/runs").then().statusCode(401)
                .body("error", equalTo("invalid_token")).body("message", containsString("revoked"));
        as(ADMIN).get("/api/v1/tenants/{t}/tokens", team).then().body("tokens.status", hasItem("revoked"));
        as(ADMIN).delete("/api/v1/tenants/{t}/tokens/{id}", team, UUID.randomUUID()).then().statusCode(404)
                .body("error", equalTo("token_not_found"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String team = tenant();
        String secret = as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"brief\", \"role\": \"viewer\", \"expires_in\": \"1s\"}")
                .post("/api/v1/tenants/{t}/tokens", team).then().statusCode(201).extract().path("token");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(secret).get("/api/v1/runs").then().statusCode(401)
                .body("error", equalTo("invalid_token")).body("message", containsString("expired")));
    }

    @Test
    void badAdminInputIsNamedAndStoresNothing() {
        String team = tenant();
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + team + "\"}").post("/api/v1/tenants").then().statusCode(409)
                .body("error", equalTo("tenant_exists"));
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"Team A!\"}").post("/api/v1/tenants").then().statusCode(400)
                .body("message", containsString("lower-case"));
        as(ADMIN).contentType(ContentType.JSON).body("{}").post("/api/v1/tenants").then().statusCode(400);
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"x\", \"role\": \"owner\"}").post("/api/v1/tenants/{t}/tokens", team)
                .then().statusCode(400).body("message", containsString("admin, submitter, viewer"));
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"x\", \"role\": \"viewer\", \"expires_in\": \"soon\"}")
                .post("/api/v1/tenants/{t}/tokens", team).then().statusCode(400).body("message", containsString("90d"));
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"x\", \"role\": \"viewer\"}").post("/api/v1/tenants/{t}/tokens", "nobody-here")
                .then().statusCode(404).body("error", equalTo("tenant_not_found"));
        token(team, "viewer", "twice");
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"twice\", \"role\": \"viewer\"}").post("/api/v1/tenants/{t}/tokens", team)
                .then().statusCode(409).body("error", equalTo("token_exists"));
        as(ADMIN).get("/api/v1/tenants/{t}/tokens", team).then().statusCode(200).body("tokens.size()", equalTo(1));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static String tenant() {
        String name = "team-" + UUID.randomUUID().toString().substring(0, 8);
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}").post("/api/v1/tenants").then().statusCode(201)
                .body("name", equalTo(name));
        return name;
    }

    private static String token(String tenant, String role) {
        return token(tenant, role, role + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String token(String tenant, String role, String name) {
        return as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}")
                .post("/api/v1/tenants/{t}/tokens", tenant).then().statusCode(201).extract().path("token");
    }

    private static String submit(String token) {
        return as(token).contentType(ContentType.JSON).body(WORKFLOW).post("/api/v1/runs").then().statusCode(201).extract().path("id");
    }
}
