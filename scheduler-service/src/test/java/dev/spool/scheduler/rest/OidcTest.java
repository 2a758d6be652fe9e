package dev.spool.scheduler.rest;

import dev.spool.support.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Tokens from an OIDC provider beside Spool's own: the tenant and the role come from the token's claims, and
 * everything else (tenant isolation, roles, the audit) is as for a token Spool issued.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class OidcTest {

    private static final String ADMIN = "spool_test-admin-token";
    private static final String ONE_TASK = """
            {"name": "oidc", "tasks": [{"id": "a", "command": ["true"]}]}""";

    @Test
    void aSubmitterFromTheProviderSubmitsAndSeesOnlyItsTenantsRuns() {
        String team = tenant();
        String alice = jwt(signingKey(), "alice", team, "submitter", Instant.now().plusSeconds(300));

        String run = given().auth().oauth2(alice).contentType(ContentType.JSON).body(ONE_TASK).post("/api/v1/runs")
                .then().statusCode(201).extract().path("id");

        given().auth().oauth2(alice).get("/api/v1/runs/{id}", run).then().statusCode(200).body("name", equalTo("oidc"));
        given().auth().oauth2(jwt(signingKey(), "bob", tenant(), "submitter", Instant.now().plusSeconds(300)))
                .get("/api/v1/runs/{id}", run).then().statusCode(404).body("error", equalTo("run_not_found"));
        given().auth().oauth2(ADMIN).get("/api/v1/audit?action=run.submit&tenant={t}", team).then().statusCode(200)
                .body("entries.actor", hasItem("oidc:alice"));
    }

    @Test
    void aViewerFromTheProviderReadsButMayNotSubmit() {
        String viewer = jwt(signingKey(), "carol", tenant(), "viewer", Instant.now().plusSeconds(300));
        given().auth().oauth2(viewer).get("/api/v1/runs").then().statusCode(200);
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body(ONE_TASK).post("/api/v1/runs").then().statusCode(403)
                .body("error", equalTo("forbidden"));
    }

    @Test
    void aTokenWithoutTheClaimsOrWithARoleSpoolDoesNotHaveIsRefusedSayingWhy() {
        given().auth().oauth2(jwt(signingKey(), "dave", null, "submitter", Instant.now().plusSeconds(300))).get("/api/v1/runs")
                .then().statusCode(401).body("message", containsString("spool_tenant"));
        given().auth().oauth2(jwt(signingKey(), "erin", "default", "owner", Instant.now().plusSeconds(300))).get("/api/v1/runs")
                .then().statusCode(401).body("message", containsString("not a role of Spool's"));
    }

    @Test
    void anExpiredOrForeignTokenIsRefused() throws Exception {
        given().auth().oauth2(jwt(signingKey(), "frank", "default", "admin", Instant.now().minusSeconds(600))).get("/api/v1/runs")
                .then().statusCode(401);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        given().auth().oauth2(jwt(generator.generateKeyPair().getPrivate(), "mallory", "default", "admin", Instant.now().plusSeconds(300)))
                .get("/api/v1/runs").then().statusCode(401);
    }

    @Test
    void spoolsOwnTokensGoOnWorkingBesideOidc() {
        given().auth().oauth2(ADMIN).get("/api/v1/runs").then().statusCode(200);
        given().auth().oauth2("spool_not-one-we-issued").get("/api/v1/runs").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
    }

    private static String tenant() {
        String name = "oidc-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}").post("/api/v1/tenants").then().statusCode(201);
        return name;
    }

    /** The private half of the key the tests' configuration verifies tokens with. */
    private static PrivateKey signingKey() {
        try (var in = OidcTest.class.getResourceAsStream("/oidc-test-signing-key.b64")) {
            byte[] der = Base64.getDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwt(PrivateKey key, String user, String tenant, String role, Instant expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + user + "\",\"preferred_username\":\"" + user + "\",\"iss\":\"https://idp.example\""
                + ",\"iat\":" + (expires.getEpochSecond() - 600) + ",\"exp\":" + expires.getEpochSecond()
                + (tenant == null ? "" : ",\"spool_tenant\":\"" + tenant + "\"") + ",\"spool_role\":\"" + role + "\"}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
