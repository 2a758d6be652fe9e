package dev.spool.storage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An S3 server of the local stack for the service's tests: a process of its own on a free port, with a folder that
 * lives as long as the tests. A test that declares an {@link InjectS3Server} field can stop it and start it again on
 * the same port and folder.
 */
public abstract class S3ProcessResource implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "spool-test";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectS3Server {
    }

    private Process server;
    private Path dir;
    private int port;

    /** The server's jar, under deploy/local/servers/s3/target/lib. */
    protected abstract String jarName();

    /** The command line after {@code java -jar <jar>}, and the environment, for a server on this port and folder. */
    protected abstract List<String> arguments(String endpoint, int port, Path dir) throws IOException;

    protected Map<String, String> environment(Path dir) {
        return Map.of();
    }

    protected abstract String accessKey();

    protected abstract String secretKey();

    @Override
    public Map<String, String> start() {
        try {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            dir = Files.createTempDirectory("spool-storage-test-s3");
            Files.createDirectories(dir.resolve("data"));
            startServer();
            return Map.of("spool.storage.endpoint", endpoint(), "spool.storage.access-key", accessKey(),
                    "spool.storage.secret-key", secretKey(), "spool.storage.bucket", BUCKET);
        } catch (IOException e) {
            throw new UncheckedIOException("the S3 server did not start for the storage-service tests", e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(InjectS3Server.class, S3ProcessResource.class));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the server keeps its objects. */
    public Path dataDir() {
        return dir.resolve("data");
    }

    public void startServer() {
        Path jar = Path.of("../deploy/local/servers/s3/target/lib", jarName()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the S3 server is not built at " + jar + ": run ./mvnw -pl deploy/local/servers/s3 package");
        }
        try {
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar.toString()));
            command.addAll(arguments(endpoint(), port, dir));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
            builder.environment().putAll(environment(dir));
            server = builder.start();
            awaitListening();
        } catch (IOException e) {
            throw new UncheckedIOException("the S3 server did not start at " + endpoint(), e);
        }
    }

    public void stopServer() {
        if (server != null) {
            server.destroy();
            try {
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plusSeconds(60);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (true) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException notYet) {
                    if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the S3 server did not listen at " + endpoint() + "; see " + dir.resolve("server.log"));
                    }
                    server.waitFor(200, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        stopServer();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A folder left in /tmp is no failure of the tests.
            }
        }
    }
}
