package dev.spool.storage;

import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import static dev.spool.support.testing.InternalCalls.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Uploads into a real S3 server: checked against the checksum their writer declares, and described by their metadata. */
@QuarkusTest
@QuarkusTestResource(value = S3ServerResource.class, restrictToAnnotatedClass = true)
class UploadsTest {

    @ConfigProperty(name = "spool.storage.endpoint")
    String endpoint;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anUploadWhoseBytesAreNotTheDeclaredOnesIsRefusedAndNotKept() throws Exception {
        String key = "runs/" + UUID.randomUUID() + "/t/" + UUID.randomUUID() + "/w/stdout.log";
        byte[] sent = "what the worker wrote\n".getBytes(StandardCharsets.UTF_8);
        byte[] damaged = "what the worker wrotE\n".getBytes(StandardCharsets.UTF_8);

        String answer = given().contentType("application/octet-stream").header("X-Spool-Object-Sha256", sha256(sent)).body(damaged)
                .put("/api/v1/objects/" + key).then().statusCode(422).extract().asString();
        assertThat(answer).contains("\"error\":\"checksum_mismatch\"", "nothing was kept, send it again");
        given().get("/api/v1/objects/" + key).then().statusCode(404);

        given().contentType("application/octet-stream").header("X-Spool-Object-Sha256", sha256(sent)).body(sent)
                .put("/api/v1/objects/" + key).then().statusCode(200);
        assertThat(given().get("/api/v1/objects/" + key).asByteArray()).isEqualTo(sent);
    }

    @Test
    void anObjectKeepsItsChecksumsSizesAndWhereItComesFrom() throws Exception {
        UUID run = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        String key = "runs/" + run + "/build/" + attempt + "/w1/stdout.log";
        byte[] sent = "one\ntwo\n".getBytes(StandardCharsets.UTF_8);
        given().contentType("application/octet-stream").header("X-Spool-Sha256", sha256(sent)).header("X-Spool-Object-Sha256", sha256(sent))
                .header("X-Spool-Original-Bytes", "8").header("X-Spool-Lines", "2").body(sent)
                .put("/api/v1/objects/" + key).then().statusCode(200);

        MinioClient minio = MinioClient.builder().endpoint(endpoint).credentials(S3ServerResource.ACCESS_KEY, S3ServerResource.SECRET_KEY)
                .region("us-east-1").build();
        StatObjectResponse stat = minio.statObject(StatObjectArgs.builder().bucket("spool-test").object(key).build());
        assertThat(stat.contentType()).isEqualTo("application/octet-stream");
        assertThat(stat.userMetadata()).containsEntry("sha256", sha256(sent)).containsEntry("object-sha256", sha256(sent))
                .containsEntry("original-bytes", "8").containsEntry("lines", "2")
                .containsEntry("run", run.toString()).containsEntry("task", "build").containsEntry("attempt", attempt.toString());
    }

    @Test
    void aPresignedLinkDownloadsTheObjectStraightFromTheBucketUntilItExpires() throws Exception {
        String key = "runs/" + UUID.randomUUID() + "/t/a/w/stdout.log";
        byte[] sent = "straight from the bucket\n".getBytes(StandardCharsets.UTF_8);
        given().contentType("application/octet-stream").body(sent).put("/api/v1/objects/" + key).then().statusCode(200);

        var link = given().post("/api/v1/objects/presign/" + key + "?expires_in=60").then().statusCode(200).extract().jsonPath();
        assertThat(link.getString("url")).startsWith(endpoint + "/spool-test/" + key).contains("X-Amz-Signature=");
        assertThat(java.time.Instant.parse(link.getString("expires_at"))).isBetween(java.time.Instant.now().plusSeconds(50),
                java.time.Instant.now().plusSeconds(61));
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            var download = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(link.getString("url"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(sent);
        }

        given().post("/api/v1/objects/presign/" + key + "?expires_in=0").then().statusCode(400);
        given().post("/api/v1/objects/presign/runs/" + UUID.randomUUID() + "/none.log").then().statusCode(404);
    }

    @Test
    void declaredFiguresThatCannotBeReadAreRefusedBeforeAnythingIsStored() {
        String key = "runs/" + UUID.randomUUID() + "/t/a/w/stdout.log";
        given().contentType("application/octet-stream").header("X-Spool-Object-Sha256", "abc").body(new byte[] {1})
                .put("/api/v1/objects/" + key).then().statusCode(400);
        given().contentType("application/octet-stream").header("X-Spool-Lines", "-3").body(new byte[] {1})
                .put("/api/v1/objects/" + key).then().statusCode(400);
        given().get("/api/v1/objects/" + key).then().statusCode(404);
    }

    /** Bytes that are the same every time they are made: a repeating text with a counter, {@code size} bytes long. */
    private static java.io.InputStream generated(long size) {
        return new java.io.InputStream() {
            private final byte[] chunk = "an output line that repeats, as long outputs do, with a count: 0000000000\n".getBytes(StandardCharsets.UTF_8);
            private long at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (at >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - at);
                for (int i = 0; i < n; i++) {
                    int inChunk = (int) ((at + i) % chunk.length);
                    buffer[offset + i] = inChunk >= chunk.length - 11 && inChunk < chunk.length - 1
                            ? (byte) ('0' + ((at + i) / chunk.length + inChunk) % 10) : chunk[inChunk];
                }
                at += n;
                return n;
            }
        };
    }

    private static String sha256(java.io.InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The service and this test share a heap of 512 MiB (the module's surefire argLine): 2 GiB pass only as a stream. */
    @Test
    void aTwoGibibyteUploadStreamsThroughAndReadsBackTheSame() throws Exception {
        long size = 2L << 30;
        String key = "runs/" + UUID.randomUUID() + "/big/" + UUID.randomUUID() + "/w/stdout.log";
        String checksum = sha256(generated(size));
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            var stored = http.send(dev.spool.support.testing.InternalCalls.request(java.net.URI.create("http://localhost:" + port + "/api/v1/objects/" + key))
                            .header("Content-Type", "application/octet-stream").header("X-Spool-Object-Sha256", checksum)
                            .PUT(java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                                    java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> generated(size)), size)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            assertThat(stored.body()).contains("\"size_bytes\":" + size);

            var download = http.send(dev.spool.support.testing.InternalCalls.request(java.net.URI.create("http://localhost:" + port + "/api/v1/objects/" + key))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            try (java.io.InputStream body = download.body()) {
                assertThat(sha256(body)).isEqualTo(checksum);
            }
        }
        given().contentType("application/json").body("{\"keys\": [\"" + key + "\"]}").post("/api/v1/objects/delete").then().statusCode(200);
    }
}
