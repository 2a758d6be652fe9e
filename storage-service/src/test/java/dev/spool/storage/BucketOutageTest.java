package dev.spool.storage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static dev.spool.support.testing.InternalCalls.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The S3 server stopped while an output is being uploaded, then started again: the upload fails with a retryable
 * 503 and leaves nothing behind, readiness says why, and once the server is back everything works without a restart.
 * A download the bucket stops serving ends short at once, rather than leaving its client waiting.
 */
@QuarkusTest
@QuarkusTestResource(value = S3ServerResource.class, restrictToAnnotatedClass = true)
class BucketOutageTest {

    @S3ProcessResource.InjectS3Server
    S3ProcessResource s3;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** An endless output: lines for as long as it is read, counting what was sent. */
    private static InputStream endless(AtomicLong sent) {
        byte[] line = "a line of a long output that goes on and on while the bucket goes away\n".getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                sent.incrementAndGet();
                int b = line[at];
                at = (at + 1) % line.length;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                for (int i = 0; i < length; i++) {
                    buffer[offset + i] = line[at];
                    at = (at + 1) % line.length;
                }
                sent.addAndGet(length);
                return length;
            }
        };
    }

    @Test
    void anUploadCutOffByTheBucketFailsRetryablyAndTheServiceRecoversWhenItIsBack() throws Exception {
        String key = "runs/" + UUID.randomUUID() + "/t/" + UUID.randomUUID() + "/w/stdout.log";
        AtomicLong sent = new AtomicLong();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            CompletableFuture<HttpResponse<String>> upload = http.sendAsync(dev.spool.support.testing.InternalCalls.request(
                            URI.create("http://localhost:" + port + "/api/v1/objects/" + key))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> endless(sent))).build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() > 40L << 20);
            s3.stopServer();

            // The service answers 503 and closes the connection, which stops the writer; a writer still sending may see
            // the connection go before it reads the answer. Either is a failure it retries.
            try {
                HttpResponse<String> refused = upload.get(90, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("\"error\":\"storage_unavailable\"");
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            } catch (java.util.concurrent.ExecutionException closed) {
                assertThat(closed).hasRootCauseInstanceOf(java.io.IOException.class);
            }
        }
        given().get("/api/v1/objects/" + key).then().statusCode(503);

        String readiness = given().get("/q/health/ready").then().statusCode(503).extract().asString();
        assertThat(readiness).contains("object-storage", s3.endpoint());

        given().contentType("application/octet-stream").body("while it is away\n".getBytes(StandardCharsets.UTF_8)).put("/api/v1/objects/" + key + "-again")
                .then().statusCode(503).header("Retry-After", org.hamcrest.Matchers.notNullValue());

        s3.startServer();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get("/api/v1/objects/" + key).then().statusCode(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().contentType("application/octet-stream").body("it is back\n".getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/objects/" + key).then().statusCode(200));
        assertThat(given().get("/api/v1/objects/" + key).asString()).isEqualTo("it is back\n");
    }

    @Test
    void aDownloadCutOffByTheBucketEndsShortAtOnceAndTheNextOneIsWhole() throws Exception {
        String key = "runs/" + UUID.randomUUID() + "/t/" + UUID.randomUUID() + "/w/stdout.log";
        // More than the sockets between the bucket, the service and the client hold, so that most of it is still to come.
        byte[] output = endless(new AtomicLong()).readNBytes(48 << 20);
        URI object = URI.create("http://localhost:" + port + "/api/v1/objects/" + key);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertThat(http.send(dev.spool.support.testing.InternalCalls.request(object).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(output)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            HttpResponse<InputStream> download = http.send(dev.spool.support.testing.InternalCalls.request(object).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(output.length);
            try (InputStream body = download.body()) {
                assertThat(body.readNBytes(1 << 20)).hasSize(1 << 20);
                s3.stopServer();
                // The rest, as far as it came: the download is cut well before the 60 s stall timeout would end it.
                CompletableFuture<Long> rest = CompletableFuture.supplyAsync(() -> {
                    long read = 1 << 20;
                    byte[] buffer = new byte[1 << 16];
                    try {
                        for (int n; (n = body.read(buffer)) > 0; ) {
                            read += n;
                        }
                    } catch (java.io.IOException cut) {
                        // What a client sees of a cut: its read fails.
                    }
                    return read;
                });
                assertThat(rest.get(30, java.util.concurrent.TimeUnit.SECONDS)).isLessThan(output.length);
            }
        } finally {
            s3.startServer();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             InputStream again = http.send(dev.spool.support.testing.InternalCalls.request(object).build(), HttpResponse.BodyHandlers.ofInputStream()).body()) {
            assertThat(again.readAllBytes()).isEqualTo(output);
        }
    }
}
