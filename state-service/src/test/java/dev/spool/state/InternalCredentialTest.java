package dev.spool.state;

import dev.spool.support.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Only Spool's own services reach the state-service: every endpoint but health and metrics wants the shared credential. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class InternalCredentialTest {

    @Test
    void aCallWithoutTheCredentialIsRefusedSayingWhatToSend() {
        RestAssured.given().get("/api/v1/outputs/6f1c2a4e-0b7d-4c55-9f3e-2d8a1b0c9e77/build").then().statusCode(401)
                .body("error", equalTo("internal_credential_required")).body("message", containsString("X-Spool-Internal-Token"));
        RestAssured.given().header("X-Spool-Internal-Token", "a guess").get("/api/v1/outputs/6f1c2a4e-0b7d-4c55-9f3e-2d8a1b0c9e77/build")
                .then().statusCode(401);
    }

    @Test
    void probesNeedNone() {
        RestAssured.given().get("/q/health/live").then().statusCode(200);
    }
}
