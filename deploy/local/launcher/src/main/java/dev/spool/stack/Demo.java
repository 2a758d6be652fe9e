package dev.spool.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Submits a workflow through the gateway, follows the run to its end and prints what each task did. */
final class Demo {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    private final StackConfig config;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    Demo(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    JsonNode run(Path workflow) throws IOException, InterruptedException {
        String gateway = config.url(config.gatewayPort());
        String authorization = "Bearer " + StackSecrets.adminToken(config.dir());
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/runs"))
                .header("Authorization", authorization)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofFile(workflow)).build(), HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 201) {
            throw new IllegalStateException("the gateway refused " + workflow + " (" + submitted.statusCode() + "): " + submitted.body());
        }
        String runId = json.readTree(submitted.body()).path("id").asText();
        out.println();
        out.println("submitted " + workflow.getFileName() + " as run " + runId);

        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        JsonNode run;
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/runs/" + runId))
                            .header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofString());
            run = json.readTree(response.body());
            String status = run.path("status").asText();
            if (!status.equals("RUNNING") && !status.equals("PAUSED")) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("run " + runId + " did not end within " + RUN_TIMEOUT.toMinutes() + " minutes: " + response.body());
            }
            Thread.sleep(200);
        }
        print(run, gateway);
        return run;
    }

    private void print(JsonNode run, String gateway) {
        Duration took = Duration.between(Instant.parse(run.path("created_at").asText()), Instant.parse(run.path("finished_at").asText()));
        out.printf("run %s finished %s in %.1f s%n%n", run.path("name").asText(), run.path("status").asText(), took.toMillis() / 1000.0);
        out.printf("%-14s %-10s %-5s %-26s %-22s %s%n", "TASK", "STATUS", "EXIT", "STDOUT kept / original", "STDERR kept / original", "FULL OUTPUT");
        for (JsonNode task : run.path("tasks")) {
            JsonNode outputs = task.path("outputs");
            JsonNode stdout = outputs.path("stdout");
            String full = stdout.hasNonNull("object_key")
                    ? "s3://" + StackConfig.BUCKET + "/" + stdout.path("object_key").asText()
                    : "-";
            out.printf("%-14s %-10s %-5s %-26s %-22s %s%n",
                    task.path("id").asText(),
                    task.path("status").asText(),
                    task.hasNonNull("exit_code") ? task.path("exit_code").asText() : "-",
                    sizes(stdout),
                    sizes(outputs.path("stderr")),
                    full);
            if (task.hasNonNull("status_reason")) {
                out.printf("%-14s   why: %s%n", "", task.path("status_reason").asText());
            }
        }
        out.println();
        out.println("kept output:  curl -H \"Authorization: Bearer $(cat .spool/admin-token)\" '" + gateway + "/api/v1/runs/" + run.path("id").asText() + "/tasks/<task>/output?stream=stdout'");
        out.println("full output:  curl -H \"Authorization: Bearer $(cat .spool/admin-token)\" '" + gateway + "/api/v1/runs/" + run.path("id").asText() + "/tasks/<task>/output/full?stream=stdout'");
    }

    private static String sizes(JsonNode stream) {
        if (stream.isMissingNode() || stream.isNull()) {
            return "-";
        }
        String sizes = bytes(stream.path("kept_bytes").asLong()) + " / " + bytes(stream.path("original_bytes").asLong());
        return stream.path("truncated").asBoolean() ? sizes + " (cut)" : sizes;
    }

    private static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
