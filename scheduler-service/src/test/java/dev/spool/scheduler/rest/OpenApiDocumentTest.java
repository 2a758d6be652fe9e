package dev.spool.scheduler.rest;

import dev.spool.support.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's OpenAPI document: the same endpoints as README's tables, each with its errors. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentTest {

    private static final Pattern README_ROW = Pattern.compile("^\\| `(GET|POST|PUT|DELETE) (/api/v1/[^` ?]*)[^`]*`", Pattern.MULTILINE);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete");

    private static String normalized(String method, String path) {
        return method.toUpperCase() + " " + path.replaceAll("\\{[^}]+}", "{}");
    }

    private static Set<String> readmeEndpoints() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        Set<String> endpoints = new TreeSet<>();
        Matcher row = README_ROW.matcher(readme);
        while (row.find()) {
            endpoints.add(normalized(row.group(1), row.group(2)));
        }
        return endpoints;
    }

    private static JsonPath document() {
        return given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documentedEndpoints(JsonPath document) {
        Set<String> endpoints = new TreeSet<>();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, operations) -> operations.keySet().stream().filter(METHODS::contains)
                .forEach(method -> endpoints.add(normalized(method, path))));
        return endpoints;
    }

    @Test
    void documentsExactlyTheEndpointsOfTheReadme() throws IOException {
        Set<String> readme = readmeEndpoints();
        Set<String> documented = documentedEndpoints(document());
        // The one endpoint for the other services, not for users: README's Security section describes it.
        documented.remove("GET /api/v1/internal/runs/{}/needs");

        assertThat(readme).as("README's endpoint tables").hasSizeGreaterThan(20);
        assertThat(documented).as("in the OpenAPI document but not in README's tables").isSubsetOf(readme);
        assertThat(readme).as("in README's tables but not in the OpenAPI document").isSubsetOf(documented);
        assertThat(Files.readString(Path.of("../README.md"))).contains("/api/v1/internal/runs/{id}/needs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationNamesItsErrorsInTheErrorJson() {
        JsonPath document = document();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        assertThat(document.getMap("components.schemas.Error.properties")).containsKeys("error", "message", "violations");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            String where = method.toUpperCase() + " " + path;
            assertThat(responses).as(where).containsKeys("401", "500");
            if (path.contains("{")) {
                assertThat(responses).as(where + ": a path parameter that names nothing").containsKeys("400", "404");
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(response.get("description")).as(where + " " + status).asString().isNotBlank();
                    assertThat(response.toString()).as(where + " " + status).contains("#/components/schemas/Error");
                }
            });
        }));
        assertThat(paths.get("/api/v1/runs").get("post").get("responses").toString()).contains("201", "429", "413");
    }

    @Test
    void theSwaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
