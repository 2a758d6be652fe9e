package dev.spool.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A process of the stack: a server Spool needs, or one of Spool's services. */
sealed interface Component permits KafkaBroker, PostgresDatabase, S3Server, SpoolService, PrometheusServer {

    String name();

    /** Where a person reaches it, as printed by {@code up} and {@code status}. */
    String address();

    /** Writes its configuration and does one-time setup; safe to call on every start. */
    default void prepare() {
    }

    List<String> command();

    default Map<String, String> environment() {
        return Map.of();
    }

    Path workDir();

    /** True once it serves requests; called repeatedly while it starts. */
    boolean isReady();

    /** Runs after it is ready, for example to create a database or topics. */
    default void afterReady() {
    }

    /** Whether a GET of the URL answers 200 within a few seconds: a readiness endpoint. */
    static boolean answersOk(String url) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static Path requireFile(Path path, String hint) {
        if (!java.nio.file.Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: " + hint);
        }
        return path;
    }
}
