package dev.spool.storage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local stack's S3 server (S3Proxy over a folder) for the service's tests, as a process of its own on a free port,
 * with a folder that lives as long as the tests.
 */
public class S3ServerResource implements QuarkusTestResourceLifecycleManager {

    static final String ACCESS_KEY = "spool";
    static final String SECRET_KEY = "spool-test-secret";

    private Process server;
    private Path dir;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of("../deploy/local/servers/s3/target/lib/s3proxy.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the S3 server is not built at " + jar + ": run ./mvnw -pl deploy/local/servers/s3 package");
        }
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            dir = Files.createTempDirectory("spool-storage-test-s3");
            Files.createDirectories(dir.resolve("data"));
            String endpoint = "http://127.0.0.1:" + port;
            Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + dir.resolve("data"),
                    ""));
            server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                    jar.toString(), "--properties", dir.resolve("s3proxy.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
            awaitListening(endpoint);
            return Map.of("spool.storage.endpoint", endpoint, "spool.storage.access-key", ACCESS_KEY,
                    "spool.storage.secret-key", SECRET_KEY, "spool.storage.bucket", "spool-test");
        } catch (IOException e) {
            throw new UncheckedIOException("the S3 server did not start for the storage-service tests", e);
        }
    }

    private void awaitListening(String endpoint) {
        Instant deadline = Instant.now().plusSeconds(60);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (true) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException notYet) {
                    if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the S3 server did not listen at " + endpoint + "; see " + dir.resolve("s3proxy.log"));
                    }
                    try {
                        server.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
            try {
                if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A folder left in /tmp is no failure of the tests.
            }
        }
    }
}
