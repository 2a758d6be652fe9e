package dev.spool.scheduler.rest;

import dev.spool.support.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** A tenant's quotas: over one, a submission is refused with what to do, nothing is stored, and other tenants go on. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class QuotaTest {

    private static final String ADMIN = "spool_test-admin-token";
    private static final String ONE_TASK = """
            {"name": "one", "tasks": [{"id": "a", "command": ["true"]}]}""";
    private static final String THREE_TASKS = """
            {"name": "three", "tasks": [{"id": "a", "command": ["true"]}, {"id": "b", "command": ["true"]}, {"id": "c", "command": ["true"]}]}""";

    @Test
    void runsInFlightOverTheQuotaAreRefusedUntilAnAdminRaisesIt() {
        String team = tenant();
        String submitter = token(team);
        quotas(team, "{\"runs_in_flight\": 2}").then().statusCode(200).body("effective.runs_in_flight", equalTo(2));
        submit(submitter, ONE_TASK).then().statusCode(201);
        submit(submitter, ONE_TASK).then().statusCode(201);

        submit(submitter, ONE_TASK).then().statusCode(429).header("Retry-After", notNullValue())
                .body("error", equalTo("quota_exceeded")).body("message", containsString("runs_in_flight"));
        as(submitter).get("/api/v1/runs").then().body("runs", hasSize(2));

        submit(token(tenant()), ONE_TASK).then().statusCode(201);
        // (Cancelling one would free its place too; that needs Kafka, which these tests do without.)
        quotas(team, "{\"runs_in_flight\": 3}").then().statusCode(200);
        submit(submitter, ONE_TASK).then().statusCode(201);
    }

    @Test
    void aRunWithMoreTasksThanTheQuotaIsRefused() {
        String team = tenant();
        String submitter = token(team);
        quotas(team, "{\"tasks_per_run\": 2}").then().statusCode(200);
        submit(submitter, THREE_TASKS).then().statusCode(400).header("Retry-After", nullValue())
                .body("error", equalTo("quota_exceeded")).body("message", containsString("at most 2"));
        submit(submitter, ONE_TASK).then().statusCode(201);
        as(submitter).get("/api/v1/runs").then().body("runs", hasSize(1));
    }

    @Test
    void submissionsOverTheRateAreAskedToWait() {
        String team = tenant();
        String submitter = token(team);
        quotas(team, "{\"submissions_per_minute\": 2}").then().statusCode(200);
        submit(submitter, ONE_TASK).then().statusCode(201);
        submit(submitter, ONE_TASK).then().statusCode(201);
        submit(submitter, ONE_TASK).then().statusCode(429).header("Retry-After", notNullValue())
                .body("message", containsString("submissions a minute"));
        submit(token(tenant()), ONE_TASK).then().statusCode(201);
    }

    @Test
    void quotasGoBackToTheDefaultsAndRefuseNonsense() {
        String team = tenant();
        quotas(team, "{\"runs_in_flight\": 5}").then().statusCode(200).body("own.runs_in_flight", equalTo(5));
        quotas(team, "{}").then().statusCode(200).body("own.runs_in_flight", nullValue()).body("effective.runs_in_flight", equalTo(1000));
        quotas(team, "{\"runs_in_flight\": -1}").then().statusCode(400).body("message", containsString("runs_in_flight"));
        quotas(team, "{\"stored_bytes\": -5}").then().statusCode(400).body("message", containsString("stored_bytes"));
        quotas(team, "{\"stored_bytes\": 1073741824}").then().statusCode(200).body("effective.stored_bytes", equalTo(1073741824));
        quotas("nobody-here", "{}").then().statusCode(404).body("error", equalTo("tenant_not_found"));
        as(token(team)).contentType(ContentType.JSON).body("{}").put("/api/v1/tenants/{t}/quotas", team).then().statusCode(403);
    }

    private static io.restassured.response.Response quotas(String tenant, String body) {
        return as(ADMIN).contentType(ContentType.JSON).body(body).put("/api/v1/tenants/{t}/quotas", tenant);
    }

    private static io.restassured.response.Response submit(String token, String workflow) {
        return as(token).contentType(ContentType.JSON).body(workflow).post("/api/v1/runs");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static String tenant() {
        String name = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}").post("/api/v1/tenants").then().statusCode(201);
        return name;
    }

    private static String token(String tenant) {
        return as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"ci\", \"role\": \"submitter\"}")
                .post("/api/v1/tenants/{t}/tokens", tenant).then().statusCode(201).extract().path("token");
    }
}
