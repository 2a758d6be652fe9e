package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of {@code src/test/resources/bad-inputs/}, sent as a new user would: each answer is a 4xx in the error
 * JSON that names the field or parameter and says what to do, nothing is stored, and every service stays ready.
 */
class BadInputCorpusIT {

    private static final Pattern REPEAT = Pattern.compile("REPEAT_(.)_(\\d+)");
    private static final List<String> INTERNALS = List.of("Exception", "dev.spool", "java.", "JsonToken", "\tat ", "Caused by");

    private static SpoolStack spool;
    private final ObjectMapper yaml = new YAMLMapper();

    @BeforeAll
    static void stack() {
        spool = SpoolStack.get();
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedClearlyAndStoresNothing() throws IOException, URISyntaxException {
        Path corpus = Path.of(getClass().getClassLoader().getResource("bad-inputs").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode badInput : yaml.readTree(file.toFile())) {
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + ": " + badInput.path("name").asText(), () -> check(badInput)));
                }
            }
        }
        assertThat(tests).as("cases in the corpus").hasSizeGreaterThanOrEqualTo(100);
        return tests.stream();
    }

    private void check(JsonNode badInput) throws Exception {
        boolean isRequest = badInput.has("request");
        long runsBefore = runCount();
        HttpResponse<String> response = isRequest ? send(badInput.path("request")) : submit(badInput);
        int expectedStatus = badInput.path("status").asInt(400);
        String expectedError = badInput.path("error").asText(isRequest ? "invalid_request" : "invalid_workflow");

        assertThat(response.statusCode()).as("status; body: %s", abbreviated(response.body())).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as("content type").startsWith("application/json");
        JsonNode body = spool.json.readTree(response.body());
        assertThat(body.path("error").asText()).as("error code of %s", abbreviated(response.body())).isEqualTo(expectedError);
        String message = body.path("message").asText();
        assertThat(message).as("message").hasSizeGreaterThan(15);
        INTERNALS.forEach(internal -> assertThat(response.body()).as("no Java internals").doesNotContain(internal));
        if (badInput.has("path")) {
            List<String> paths = new ArrayList<>();
            body.path("violations").forEach(violation -> paths.add(violation.path("path").asText()));
            assertThat(paths).as("paths named in %s", abbreviated(response.body())).contains(badInput.path("path").asText());
        }
        for (JsonNode word : badInput.path("says")) {
            assertThat(message).as("message").contains(word.asText());
        }
        assertThat(runCount()).as("runs stored").isEqualTo(runsBefore);
    }

    private HttpResponse<String> submit(JsonNode badInput) throws IOException, InterruptedException {
        String contentType = badInput.path("content_type").asText("application/yaml");
        HttpRequest.Builder request = spool.request("/api/v1/runs").header("Content-Type", contentType);
        return spool.http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body(badInput))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] body(JsonNode badInput) {
        if (badInput.has("body_base64")) {
            return Base64.getDecoder().decode(badInput.path("body_base64").asText());
        }
        if (badInput.has("body_repeat")) {
            JsonNode repeat = badInput.path("body_repeat");
            return (repeat.path("prefix").asText() + repeat.path("text").asText().repeat(repeat.path("times").asInt())
                    + repeat.path("suffix").asText()).getBytes(StandardCharsets.UTF_8);
        }
        if (badInput.has("generate")) {
            return generated(badInput.path("generate").asText()).getBytes(StandardCharsets.UTF_8);
        }
        return badInput.path("body").asText().getBytes(StandardCharsets.UTF_8);
    }

    private static String generated(String what) {
        return switch (what) {
            case "many-tasks" -> "name: many\ntasks:\n" + IntStream.range(0, 10_001)
                    .mapToObj(i -> "  - {id: t" + i + ", command: [true]}\n").collect(Collectors.joining());
            case "many-dependencies" -> "name: wide\ntasks:\n  - {id: a, command: [true], depends_on: ["
                    + IntStream.range(0, 30_000).mapToObj(i -> "t" + i).collect(Collectors.joining(", ")) + "]}\n";
            default -> throw new IllegalArgumentException("no generator " + what);
        };
    }

    private HttpResponse<String> send(JsonNode request) throws IOException, InterruptedException {
        int port = switch (request.path("service").asText("gateway")) {
            case "state" -> spool.config.statePort();
            case "storage" -> spool.config.storagePort();
            case "worker" -> spool.config.workerPort(1);
            default -> spool.config.gatewayPort();
        };
        Matcher repeat = REPEAT.matcher(request.path("url").asText());
        String url = repeat.find() ? repeat.replaceFirst(repeat.group(1).repeat(Integer.parseInt(repeat.group(2)))) : request.path("url").asText();
        HttpRequest.Builder builder = port == spool.config.gatewayPort() ? HttpRequest.newBuilder(URI.create(spool.config.url(port) + url)) : spool.internal(port, url);
        if (port == spool.config.gatewayPort() && !request.path("anonymous").asBoolean(false)) {
            builder.header("Authorization", spool.authorization());
        }
        if (request.has("body")) {
            builder.header("Content-Type", request.path("content_type").asText("application/json"));
        }
        builder.method(request.path("method").asText("GET"), request.has("body")
                ? HttpRequest.BodyPublishers.ofString(request.path("body").asText()) : HttpRequest.BodyPublishers.noBody());
        return spool.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs created since the corpus began: retention may delete older ones meanwhile, which is not this test's concern. */
    private static long runCount() throws SQLException {
        try (Connection db = DriverManager.getConnection(spool.config.jdbcUrl(), "postgres", "postgres");
             java.sql.PreparedStatement count = db.prepareStatement("select count(*) from scheduler.runs where created_at >= ?")) {
            count.setTimestamp(1, java.sql.Timestamp.from(CORPUS_STARTED));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static final java.time.Instant CORPUS_STARTED = java.time.Instant.now();

    private static String abbreviated(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }

    /** After the whole corpus, every service is ready and a plain workflow still runs to success. */
    @AfterAll
    static void everyServiceStaysReadyAndWorkStillRuns() throws Exception {
        List<Integer> ports = new ArrayList<>(List.of(spool.config.gatewayPort(), spool.config.statePort(), spool.config.storagePort()));
        for (int worker = 1; worker <= spool.config.workers(); worker++) {
            ports.add(spool.config.workerPort(worker));
        }
        for (int port : ports) {
            HttpResponse<String> ready = spool.http.send(HttpRequest.newBuilder(URI.create(spool.config.url(port) + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as("readiness of port %d: %s", port, ready.body()).isEqualTo(200);
        }
        JsonNode run = spool.runToEnd("name: after-the-corpus\ntasks:\n  - {id: a, command: [echo, fine]}\n");
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    }
}
