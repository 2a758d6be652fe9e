package dev.spool.storage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Only Spool's own services reach the storage-service: every endpoint but health and metrics wants the shared credential. */
@QuarkusTest
@QuarkusTestResource(value = S3ServerResource.class, restrictToAnnotatedClass = true)
class InternalCredentialTest {

    @Test
    void aCallWithoutTheCredentialIsRefusedSayingWhatToSend() {
        RestAssured.given().get("/api/v1/objects/runs/x/stdout.gz").then().statusCode(401)
                .body("error", equalTo("internal_credential_required")).body("message", containsString("X-Spool-Internal-Token"));
        RestAssured.given().header("X-Spool-Internal-Token", "a guess").get("/api/v1/objects/runs/x/stdout.gz")
                .then().statusCode(401);
    }

    @Test
    void probesNeedNone() {
        RestAssured.given().get("/q/health/live").then().statusCode(200);
    }
}
