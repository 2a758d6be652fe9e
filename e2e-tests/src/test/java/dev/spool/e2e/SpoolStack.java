package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.stack.StackSecrets;
import dev.spool.stack.LocalStack;
import dev.spool.stack.StackConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real stack for the whole test run: Kafka, PostgreSQL, the S3 server and the four packaged services
 * as processes, on the tests' own ports and in a fresh folder under target/.
 */
final class SpoolStack {

    private static SpoolStack instance;

    final StackConfig config;
    final LocalStack stack;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    private SpoolStack(StackConfig config) {
        this.config = config;
        this.stack = new LocalStack(config, System.out);
    }

    static synchronized SpoolStack get() {
        if (instance == null) {
            Path home = Path.of(System.getProperty("spool.home", "..")).toAbsolutePath().normalize();
            Path dir = Path.of(System.getProperty("spool.stack.dir", "target/e2e-stack")).toAbsolutePath();
            // Listening before the services start, so that none of their spans is lost.
            OtlpReceiver.get();
            SpoolStack created = new SpoolStack(StackConfig.forTests(home, dir));
            created.stack.down();
            deleteRecursively(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(created.stack::down));
            created.stack.up();
            instance = created;
        }
        return instance;
    }

    String gateway() {
        return config.url(config.gatewayPort());
    }

    /** The stack's admin token, which {@code stack up} wrote to its folder, as every request to the gateway carries it. */
    String authorization() {
        return "Bearer " + StackSecrets.adminToken(config.dir());
    }

    /** A request to the gateway (a path under it, or any full URL of a gateway), as the admin. */
    HttpRequest.Builder request(String pathOrUrl) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : gateway() + pathOrUrl;
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization());
    }

    /** A request to one of the services behind the gateway (worker, state, storage), as another Spool service makes it. */
    HttpRequest.Builder internal(int port, String path) {
        return HttpRequest.newBuilder(URI.create(config.url(port) + path))
                .header("X-Spool-Internal-Token", StackSecrets.internalToken(config.dir()));
    }

    HttpResponse<String> submit(String workflow, String contentType) throws IOException, InterruptedException {
        return http.send(request("/api/v1/runs")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(workflow)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until a task of a run has the status, for at most 30 s. */
    void awaitTaskStatus(String runId, String taskId, String status) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = json.readTree(get("/api/v1/runs/" + runId).body());
            if (task(run, taskId).path("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task " + taskId + " of run " + runId + " never became " + status);
    }

    /** The run's id from a 201 answer, or an error naming what the gateway said instead. */
    String submitted(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 201) {
            throw new AssertionError("submission refused (" + response.statusCode() + "): " + response.body());
        }
        return json.readTree(response.body()).path("id").asText();
    }

    JsonNode attempts(String runId, String taskId) throws IOException, InterruptedException {
        return json.readTree(get("/api/v1/runs/" + runId + "/tasks/" + taskId + "/attempts").body());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Submits a workflow and waits until its run has ended. */
    JsonNode runToEnd(String workflow) throws IOException, InterruptedException {
        return runToEnd(workflow, Duration.ofMinutes(2));
    }

    JsonNode runToEnd(String workflow, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> submitted = submit(workflow, "application/yaml");
        if (submitted.statusCode() != 201) {
            throw new AssertionError("submission refused (" + submitted.statusCode() + "): " + submitted.body());
        }
        return awaitEnd(json.readTree(submitted.body()).path("id").asText(), timeout);
    }

    JsonNode awaitEnd(String runId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode run;
            try {
                run = json.readTree(get("/api/v1/runs/" + runId).body());
            } catch (IOException e) {
                // The gateway may be restarting; the run goes on without it.
                Thread.sleep(200);
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                continue;
            }
            if (java.util.Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(run.path("status").asText())) {
                return run;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("run " + runId + " did not end in time: " + run);
            }
            Thread.sleep(100);
        }
    }

    static JsonNode task(JsonNode run, String id) {
        for (JsonNode task : run.path("tasks")) {
            if (task.path("id").asText().equals(id)) {
                return task;
            }
        }
        throw new AssertionError("run has no task " + id + ": " + run);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot clean " + dir, e);
        }
    }
}
