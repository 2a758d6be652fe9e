package dev.spool.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An S3-compatible server (S3Proxy over a local folder). It checks request signatures, so wrong
 * credentials fail here as they would against a real bucket.
 */
record S3Server(StackConfig config) implements Component {

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String address() {
        return config.s3Endpoint() + " (access key " + StackConfig.S3_ACCESS_KEY + ")";
    }

    @Override
    public Path workDir() {
        return config.dir().resolve("s3");
    }

    @Override
    public void prepare() {
        try {
            Path dir = Files.createDirectories(workDir());
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                    "s3proxy.endpoint=" + config.s3Endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + StackConfig.S3_ACCESS_KEY,
                    "s3proxy.credential=" + StackConfig.S3_SECRET_KEY,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + dir.resolve("data"),
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the S3 server in " + workDir(), e);
        }
    }

    @Override
    public List<String> command() {
        Path jar = Component.requireFile(config.home().resolve("deploy/local/servers/s3/target/lib/s3proxy.jar"),
                "build it with ./mvnw -DskipTests package");
        return List.of(Component.java(), "-Xmx256m", "-jar", jar.toString(), "--properties", workDir().resolve("s3proxy.conf").toString());
    }

    /** Any HTTP answer means it listens; an unsigned request is refused, which is fine here. */
    @Override
    public boolean isReady() {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            http.send(HttpRequest.newBuilder(URI.create(config.s3Endpoint() + "/")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
