package dev.spool.scheduler.rest;

import dev.spool.support.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** An inline secret is stored only sealed, in the task's definition and in the document kept with the run. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class InlineSecretsTest {

    private static final String ADMIN = "spool_test-admin-token";

    @Inject
    DataSource database;

    @Test
    void theValuesOfInlineSecretsAreNowhereInTheRunsRows() throws Exception {
        String value = "pw-" + UUID.randomUUID();
        String quoted = "q\"uo'te-" + UUID.randomUUID();
        String yaml = """
                name: with-secrets
                env:
                  API_KEY: {value: "%s", secret: true}
                  PLAIN: visible-value
                tasks:
                  - id: a
                    command: ["sh", "-c", "echo $API_KEY $DB_PASSWORD"]
                    env:
                      DB_PASSWORD: {value: '%s', secret: true}
                """.formatted(value, quoted.replace("'", "''"));
        String runId = given().auth().oauth2(ADMIN).contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/runs")
                .then().statusCode(201).extract().path("id");

        List<String> stored = rowsOf(runId);

        assertThat(stored).isNotEmpty();
        assertThat(String.join("\n", stored)).doesNotContain(value).doesNotContain(quoted).doesNotContain("uo'te")
                .contains("sealed:v1:").contains("visible-value").contains("[sealed]");
    }

    @Test
    void aWorkflowWithoutSecretsIsKeptAsItWasSent() throws Exception {
        String json = """
                {"name": "plain", "tasks": [{"id": "a", "command": ["true"]}]}""";
        String runId = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(json).post("/api/v1/runs")
                .then().statusCode(201).extract().path("id");

        assertThat(rowsOf(runId)).contains(json);
    }

    private List<String> rowsOf(String runId) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Connection connection = database.getConnection()) {
            for (String query : List.of("select source from scheduler.runs where id = ?", "select definition from scheduler.task_definitions where run_id = ?")) {
                try (PreparedStatement statement = connection.prepareStatement(query)) {
                    statement.setObject(1, UUID.fromString(runId));
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            texts.add(rows.getString(1));
                        }
                    }
                }
            }
        }
        return texts;
    }
}
