package dev.spool.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.contracts.blocked.BlockIndex;
import dev.spool.contracts.blocked.BlockedOutputStream;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static dev.spool.support.testing.InternalCalls.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outputs stored through the service in a real S3 server, read back whole and in part (last lines, first lines,
 * byte ranges) on random cases, against the original bytes.
 */
@QuarkusTest
@QuarkusTestResource(value = S3ServerResource.class, restrictToAnnotatedClass = true)
class StoredOutputReadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @S3ProcessResource.InjectS3Server
    S3ProcessResource s3;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** Stores an output as the worker does: its index first, then the object, in blocks of {@code blockBytes}. */
    private static String storeBlocked(byte[] original, int blockBytes) throws IOException {
        String key = "runs/" + UUID.randomUUID() + "/t/" + UUID.randomUUID() + "/w/stdout.gz";
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        try (BlockedOutputStream out = new BlockedOutputStream(object, true, 1, blockBytes)) {
            out.write(original);
            out.close();
            given().contentType("application/json").body(JSON.writeValueAsBytes(out.index()))
                    .put("/api/v1/objects/" + BlockIndex.keyFor(key)).then().statusCode(204);
        }
        given().contentType("application/gzip").body(object.toByteArray()).put("/api/v1/objects/" + key).then().statusCode(200);
        return key;
    }

    private static byte[] randomOutput(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = 1 + random.nextInt(3000);
        for (int i = 0; i < lines; i++) {
            text.append(i).append(' ').append("y".repeat(random.nextInt(random.nextInt(10) == 0 ? 2000 : 60))).append('\n');
        }
        if (random.nextBoolean()) {
            text.append("the last line has no newline");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.split("(?<=\n)");
        return String.join("", Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }

    private static String firstLines(String text, int n) {
        String[] lines = text.split("(?<=\n)");
        return String.join("", Arrays.copyOfRange(lines, 0, Math.min(n, lines.length)));
    }

    @Test
    void partsOfBlockedOutputsAreTheOriginalsOnRandomCases() throws IOException {
        Random random = new Random(11);
        for (int round = 0; round < 25; round++) {
            byte[] original = randomOutput(random);
            String text = new String(original, StandardCharsets.UTF_8);
            String key = storeBlocked(original, 1024 + random.nextInt(8192));
            String what = "round " + round + ", " + original.length + " bytes";

            assertThat(given().get("/api/v1/objects/" + key + "?decompress=true").then().statusCode(200).extract().asByteArray())
                    .as("whole, %s", what).isEqualTo(original);
            int n = 1 + random.nextInt(200);
            assertThat(given().get("/api/v1/objects/" + key + "?decompress=true&tail_lines=" + n).asString())
                    .as("last %d lines, %s", n, what).isEqualTo(lastLines(text, n));
            assertThat(given().get("/api/v1/objects/" + key + "?decompress=true&head_lines=" + n).asString())
                    .as("first %d lines, %s", n, what).isEqualTo(firstLines(text, n));
            int from = random.nextInt(original.length);
            int to = from + random.nextInt(original.length - from);
            Response range = given().header("Range", "bytes=" + from + "-" + to).get("/api/v1/objects/" + key + "?decompress=true");
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.header("Content-Range")).isEqualTo("bytes " + from + "-" + to + "/" + original.length);
            assertThat(range.asByteArray()).as("bytes %d-%d, %s", from, to, what).isEqualTo(Arrays.copyOfRange(original, from, to + 1));
        }
    }

    @Test
    void anOutputStoredBeforeBlocksIsStillReadWholeAndInPart() throws IOException {
        byte[] original = "first\nsecond\nthird\nfourth\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(original);
        }
        String key = "runs/" + UUID.randomUUID() + "/t/a/w/stdout.gz";
        given().contentType("application/gzip").body(gzipped.toByteArray()).put("/api/v1/objects/" + key).then().statusCode(200);

        assertThat(given().get("/api/v1/objects/" + key + "?decompress=true").asByteArray()).isEqualTo(original);
        assertThat(given().get("/api/v1/objects/" + key + "?decompress=true&tail_lines=2").asString()).isEqualTo("third\nfourth\n");
        assertThat(given().get("/api/v1/objects/" + key + "?decompress=true&head_lines=1").asString()).isEqualTo("first\n");
        assertThat(given().header("Range", "bytes=6-11").get("/api/v1/objects/" + key + "?decompress=true").asString()).isEqualTo("second");
    }

    @Test
    void aRangeOutsideTheOutputAnswers416WithItsSize() throws IOException {
        String key = storeBlocked("0123456789\n".getBytes(StandardCharsets.UTF_8), 4);
        Response outside = given().header("Range", "bytes=11-").get("/api/v1/objects/" + key + "?decompress=true");
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.header("Content-Range")).isEqualTo("bytes */11");
        assertThat(outside.asString()).contains("\"error\":\"range_not_satisfiable\"", "ask for bytes 0 to 10");

        Response two = given().header("Range", "bytes=0-1,4-5").get("/api/v1/objects/" + key + "?decompress=true");
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(two.asString()).contains("\"path\":\"Range\"", "several ranges at once are not served");
    }

    @Test
    void deletingAnOutputDeletesItsIndexWithIt() throws IOException {
        String key = storeBlocked("a\nb\nc\n".getBytes(StandardCharsets.UTF_8), 2);
        given().contentType("application/json").body("{\"keys\": [\"" + key + "\"]}").post("/api/v1/objects/delete")
                .then().statusCode(200);
        given().get("/api/v1/objects/" + key).then().statusCode(404);
        given().get("/api/v1/objects/" + BlockIndex.keyFor(key)).then().statusCode(404);
    }

    @Test
    void aCorruptBlockIsReportedAndNoneOfItIsServed() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            lines.append("line ").append(i).append(" of an output that will be damaged in the bucket\n");
        }
        byte[] original = lines.toString().getBytes(StandardCharsets.UTF_8);
        String key = storeBlocked(original, 32 * 1024);
        BlockIndex index = JSON.readValue(given().get("/api/v1/objects/" + BlockIndex.keyFor(key)).asByteArray(), BlockIndex.class);
        assertThat(index.blocks()).hasSizeGreaterThan(4);
        BlockIndex.Block damaged = index.blocks().get(2);
        java.nio.file.Path file = s3.dataDir().resolve(S3ProcessResource.BUCKET).resolve(key);
        byte[] stored = java.nio.file.Files.readAllBytes(file);
        int at = (int) (damaged.storedOffset() + (index.blocks().get(3).storedOffset() - damaged.storedOffset()) / 2);
        stored[at] ^= 0x5a;
        java.nio.file.Files.write(file, stored);

        String last = lastLines(lines.toString(), 3);
        assertThat(given().get("/api/v1/objects/" + key + "?decompress=true&tail_lines=3").asString())
                .as("blocks after the damaged one are still served").isEqualTo(last);

        Response fromDamaged = given().header("Range", "bytes=" + damaged.originalOffset() + "-" + (damaged.originalOffset() + 99))
                .get("/api/v1/objects/" + key + "?decompress=true");
        assertThat(fromDamaged.statusCode()).isEqualTo(502);
        assertThat(fromDamaged.asString()).contains("\"error\":\"stored_copy_corrupt\"", "byte " + damaged.storedOffset(), "kept text");

        // Whole, the first blocks go out before the damaged one is reached: the answer is cut there, never garbage.
        byte[] received;
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpResponse<java.io.InputStream> whole = http.send(dev.spool.support.testing.InternalCalls.request(
                    java.net.URI.create("http://localhost:" + port + "/api/v1/objects/" + key + "?decompress=true")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (java.io.InputStream body = whole.body()) {
                body.transferTo(got);
            } catch (IOException cut) {
                // The stream ends early: expected.
            }
            received = got.toByteArray();
        }
        assertThat(received.length).isLessThanOrEqualTo((int) damaged.originalOffset());
        assertThat(received).isEqualTo(Arrays.copyOf(original, received.length));
        assertThat(given().get("/q/metrics").asString()).containsPattern("spool_storage_corrupt_blocks_total [1-9]");
    }

    @Test
    void anIndexMustBeSentAtTheKeyOfAnIndex() throws IOException {
        given().contentType("application/json").body("{\"version\": 1, \"blocks\": []}").put("/api/v1/objects/runs/x/stdout.gz")
                .then().statusCode(400);
    }

    @Test
    void clientsThatHangUpMidDownloadFreeTheirConnectionsToTheBucket() throws Exception {
        String key = "runs/" + UUID.randomUUID() + "/t/" + UUID.randomUUID() + "/w/stdout.log";
        // More than the sockets on the way hold, so that each download is still under way when its client goes.
        byte[] output = new byte[48 << 20];
        new Random(7).nextBytes(output);
        java.net.URI object = java.net.URI.create("http://localhost:" + port + "/api/v1/objects/" + key);
        try (var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            assertThat(http.send(dev.spool.support.testing.InternalCalls.request(object).header("Content-Type", "application/octet-stream")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(output)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            // Twice as many hang-ups as the connections kept for downloads (4 in these tests): one still held would
            // leave the last download waiting.
            for (int i = 0; i < 8; i++) {
                try (var body = http.send(dev.spool.support.testing.InternalCalls.request(object).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofInputStream()).body()) {
                    assertThat(body.readNBytes(1 << 16)).hasSize(1 << 16);
                }
            }
            var whole = http.send(dev.spool.support.testing.InternalCalls.request(object).timeout(java.time.Duration.ofSeconds(20)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(Arrays.equals(whole.body(), output)).as("the whole download is the stored bytes").isTrue();
        }
    }
}
