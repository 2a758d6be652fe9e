package dev.spool.scheduler.rest;

import dev.spool.support.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit log: every action and every failed authentication, with who, on what, from where and how it ended. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class AuditTest {

    private static final String ADMIN = "spool_test-admin-token";
    private static final String WORKFLOW = """
            {"name": "hello", "tasks": [{"id": "greet", "command": ["echo", "hello"]}]}""";

    @Test
    void aSubmissionIsRecordedWithWhoDidItAndWhatItCreated() {
        String team = tenant();
        String submitter = token(team, "submitter", "ci");
        String run = as(submitter).contentType(ContentType.JSON).body(WORKFLOW).post("/api/v1/runs").then().statusCode(201)
                .extract().path("id");

        Map<String, Object> entry = latest(submitter, "run.submit");
        assertThat(entry).containsEntry("tenant", team).containsEntry("actor", "ci").containsEntry("role", "submitter")
                .containsEntry("target", "run " + run).containsEntry("outcome", 201).containsEntry("source", "127.0.0.1");
        assertThat(entry.get("at")).isNotNull();
    }

    @Test
    void aRefusedActionIsRecordedWithItsRefusal() {
        String team = tenant();
        String run = as(token(team, "submitter", "ci")).contentType(ContentType.JSON).body(WORKFLOW).post("/api/v1/runs")
                .then().statusCode(201).extract().path("id");
        String viewer = token(team, "viewer", "dashboard");
        as(viewer).post("/api/v1/runs/{run}/cancel", run).then().statusCode(403);

        Map<String, Object> entry = latest(viewer, "run.cancel");
        assertThat(entry).containsEntry("actor", "dashboard").containsEntry("target", "run " + run).containsEntry("outcome", 403);
    }

    @Test
    void aFailedAuthenticationIsRecordedForAdminsOnly() {
        String marker = "/api/v1/runs?limit=" + (100 + (int) (Math.random() * 300));
        as("spool_stolen-or-made-up").get(marker).then().statusCode(401);

        List<Map<String, Object>> failed = as(ADMIN).get("/api/v1/audit?action=auth.failed&limit=500").then().statusCode(200)
                .extract().jsonPath().getList("entries");
        assertThat(failed).anySatisfy(entry -> assertThat(entry).containsEntry("outcome", 401)
                .containsEntry("target", "GET " + marker.substring(0, marker.indexOf('?'))).containsEntry("actor", null));

        String viewer = token(tenant(), "viewer", "dashboard");
        assertThat(as(viewer).get("/api/v1/audit?action=auth.failed").then().statusCode(200)
                .extract().jsonPath().getList("entries")).isEmpty();
    }

    @Test
    void aTenantReadsOnlyItsOwnLog() {
        String teamA = tenant();
        String teamB = tenant();
        as(token(teamA, "submitter", "ci")).contentType(ContentType.JSON).body(WORKFLOW).post("/api/v1/runs").then().statusCode(201);
        String viewerB = token(teamB, "viewer", "dashboard");
        as(viewerB).contentType(ContentType.JSON).body(WORKFLOW).post("/api/v1/workflows/validate").then().statusCode(200);

        List<String> seen = as(viewerB).get("/api/v1/audit?limit=500").then().statusCode(200).extract().jsonPath().getList("entries.tenant");
        assertThat(seen).isNotEmpty().containsOnly(teamB);
        as(viewerB).get("/api/v1/audit?tenant={t}", teamA).then().statusCode(403);
        assertThat(as(ADMIN).get("/api/v1/audit?tenant={t}", teamA).then().statusCode(200).extract().jsonPath()
                .<String>getList("entries.action")).contains("run.submit");
    }

    @Test
    void tokenAdministrationIsRecordedWithoutTheSecret() {
        String team = tenant();
        JsonPath issued = as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"laptop\", \"role\": \"viewer\"}")
                .post("/api/v1/tenants/{t}/tokens", team).then().statusCode(201).extract().jsonPath();
        as(ADMIN).delete("/api/v1/tenants/{t}/tokens/{id}", team, issued.getString("id")).then().statusCode(200);

        String log = as(ADMIN).get("/api/v1/audit?limit=500").then().statusCode(200).extract().asString();
        assertThat(log).contains("tenant " + team + " token " + issued.getString("id")).doesNotContain(issued.getString("token"));
        assertThat(as(ADMIN).get("/api/v1/audit?action=token.issue&limit=500").then().extract().jsonPath()
                .<String>getList("entries.target")).anySatisfy(target -> assertThat(target).startsWith("tenant " + team + " token "));
    }

    @Test
    void theLogIsReadAPageAtATimeNewestFirst() {
        String team = tenant();
        String submitter = token(team, "submitter", "ci");
        for (int i = 0; i < 3; i++) {
            as(submitter).contentType(ContentType.JSON).body(WORKFLOW).post("/api/v1/workflows/validate").then().statusCode(200);
        }
        JsonPath first = as(submitter).get("/api/v1/audit?action=workflow.validate&limit=2").then().statusCode(200).extract().jsonPath();
        List<Integer> firstIds = first.getList("entries.id");
        assertThat(firstIds).hasSize(2);
        assertThat(firstIds.get(0)).isGreaterThan(firstIds.get(1));
        JsonPath second = as(submitter).get("/api/v1/audit?action=workflow.validate&limit=2&cursor={c}", first.getString("next_cursor"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.<Integer>getList("entries.id")).hasSize(1).allSatisfy(id -> assertThat(id).isLessThan(firstIds.get(1)));
        assertThat(second.getString("next_cursor")).isNull();

        as(submitter).get("/api/v1/audit?cursor=yesterday").then().statusCode(400);
        as(submitter).get("/api/v1/audit?since=monday").then().statusCode(400);
    }

    private static Map<String, Object> latest(String token, String action) {
        List<Map<String, Object>> entries = as(token).get("/api/v1/audit?action={a}&limit=1", action).then().statusCode(200)
                .extract().jsonPath().getList("entries");
        assertThat(entries).as("audit entries for %s", action).hasSize(1);
        return entries.getFirst();
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static String tenant() {
        String name = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}").post("/api/v1/tenants").then().statusCode(201);
        return name;
    }

    private static String token(String tenant, String role, String name) {
        return as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}")
                .post("/api/v1/tenants/{t}/tokens", tenant).then().statusCode(201).extract().path("token");
    }
}
