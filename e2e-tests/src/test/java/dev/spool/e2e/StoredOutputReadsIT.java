package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parts of a stored output read through the gateway: its last and first lines and byte ranges, fetched from the bucket
 * block by block rather than whole.
 */
class StoredOutputReadsIT {

    private static final int LINES = 3_000_000;
    private static SpoolStack spool;
    private static String runId;

    @BeforeAll
    static void aTaskThatPrintsThreeMillionNumberedLines() throws Exception {
        spool = SpoolStack.get();
        JsonNode run = spool.runToEnd("""
                name: numbered-lines
                tasks:
                  - {id: count, command: "seq 1 %d", limits: {max_stdout_bytes: 1000}}
                  - {id: small, command: "printf 'one\\\\ntwo\\\\nthree\\\\n'"}
                """.formatted(LINES));
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        runId = run.path("id").asText();
        assertThat(SpoolStack.task(run, "count").path("outputs").path("stdout").path("object_key").asText()).endsWith("stdout.gz");
    }

    private HttpResponse<String> full(String query, String range) throws Exception {
        HttpRequest.Builder request = spool.request("/api/v1/runs/" + runId + "/tasks/" + query);
        if (range != null) {
            request.header("Range", range);
        }
        return spool.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long rangedBytesReadFromTheBucket() throws Exception {
        String metrics = spool.http.send(HttpRequest.newBuilder(URI.create(spool.config.url(spool.config.storagePort()) + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("spool_storage_ranged_read_bytes_total"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void theLastLinesComeFromTheLastBlocksOnly() throws Exception {
        long before = rangedBytesReadFromTheBucket();
        HttpResponse<String> tail = full("count/output/full?tail_lines=3", null);
        assertThat(tail.statusCode()).isEqualTo(200);
        assertThat(tail.body()).isEqualTo("2999998\n2999999\n3000000\n");
        long read = rangedBytesReadFromTheBucket() - before;
        // The output is about 21 MB; its blocks hold 1 MiB each, gzipped.
        assertThat(read).as("bytes fetched from the bucket for the tail").isPositive().isLessThan(2L << 20);
    }

    @Test
    void theFirstLinesAndAByteRangeAreTheOriginals() throws Exception {
        assertThat(full("count/output/full?head_lines=4", null).body()).isEqualTo("1\n2\n3\n4\n");

        HttpResponse<String> range = full("count/output/full", "bytes=10-19");
        assertThat(range.statusCode()).isEqualTo(206);
        // "1\n" to "9\n" are 18 bytes; "10\n" starts at 18.
        assertThat(range.body()).isEqualTo("6\n7\n8\n9\n10");
        assertThat(range.headers().firstValue("Content-Range").orElse("")).matches("bytes 10-19/\\d+");

        long total = Long.parseLong(range.headers().firstValue("Content-Range").orElseThrow().replaceAll(".*/", ""));
        HttpResponse<String> last = full("count/output/full", "bytes=-8");
        assertThat(last.statusCode()).isEqualTo(206);
        assertThat(last.body()).isEqualTo("3000000\n");
        assertThat(last.headers().firstValue("Content-Range").orElse("")).isEqualTo("bytes " + (total - 8) + "-" + (total - 1) + "/" + total);
    }

    @Test
    void anOutputKeptWholeInTheDatabaseIsSelectedFromTheSameWay() throws Exception {
        assertThat(full("small/output/full?tail_lines=2", null).body()).isEqualTo("two\nthree\n");
        HttpResponse<String> range = full("small/output/full", "bytes=4-6");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("two");
        assertThat(range.headers().firstValue("Content-Range").orElse("")).isEqualTo("bytes 4-6/14");
    }

    @Test
    void aPresignedLinkDownloadsTheStoredCopyStraightFromTheBucket() throws Exception {
        HttpResponse<String> presigned = spool.post("/api/v1/runs/" + runId + "/tasks/count/output/presign?stream=stdout&expires_in=120");
        assertThat(presigned.statusCode()).isEqualTo(200);
        JsonNode link = spool.json.readTree(presigned.body());
        assertThat(link.path("expires_at").asText()).isNotEmpty();
        HttpResponse<byte[]> download = spool.http.send(HttpRequest.newBuilder(URI.create(link.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        try (java.util.zip.GZIPInputStream gzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(download.body()))) {
            String text = new String(gzip.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(text).startsWith("1\n2\n3\n").endsWith("2999999\n3000000\n");
            assertThat(text.lines().count()).isEqualTo(LINES);
        }

        HttpResponse<String> uncut = spool.post("/api/v1/runs/" + runId + "/tasks/small/output/presign");
        assertThat(uncut.statusCode()).isEqualTo(404);
        assertThat(uncut.body()).contains("has no stored copy", "its text is all at GET");
    }

    @Test
    void aStoredCopyDeletedFromTheBucketSaysSoAndPointsAtTheKeptText() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: copy-gone
                tasks:
                  - {id: gone, command: "seq 1 100000", limits: {max_stdout_bytes: 100, external_storage_threshold: 1024}}
                """);
        String id = run.path("id").asText();
        String key = SpoolStack.task(run, "gone").path("outputs").path("stdout").path("object_key").asText();
        io.minio.MinioClient.builder().endpoint(spool.config.s3Endpoint())
                .credentials(dev.spool.stack.StackConfig.S3_ACCESS_KEY, dev.spool.stack.StackConfig.S3_SECRET_KEY).region("us-east-1").build()
                .removeObject(io.minio.RemoveObjectArgs.builder().bucket(dev.spool.stack.StackConfig.BUCKET).object(key).build());

        for (HttpResponse<String> answer : java.util.List.of(spool.get("/api/v1/runs/" + id + "/tasks/gone/output/full?tail_lines=2"),
                spool.post("/api/v1/runs/" + id + "/tasks/gone/output/presign"))) {
            assertThat(answer.statusCode()).as("%s %s: %s", answer.request().method(), answer.request().uri().getPath(), answer.body()).isEqualTo(410);
            assertThat(answer.body()).contains("\"error\":\"stored_copy_gone\"", "no longer in the bucket", "/tasks/gone/output?stream=stdout",
                    "within the bucket's 31-day retention");
        }
        assertThat(spool.get("/api/v1/runs/" + id + "/tasks/gone/output").statusCode()).isEqualTo(200);
    }

    @Test
    void aRangeOutsideTheOutputOrTwoSelectionsAtOnceAreRefusedClearly() throws Exception {
        HttpResponse<String> outside = full("count/output/full", "bytes=900000000-");
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range").orElse("")).matches("bytes \\*/\\d+");
        assertThat(outside.body()).contains("\"error\":\"range_not_satisfiable\"", "ask for bytes 0 to");

        HttpResponse<String> both = full("count/output/full?tail_lines=3&head_lines=3", null);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("\"path\":\"tail_lines\"", "not several");

        HttpResponse<String> badRange = full("count/output/full", "lines=1-3");
        assertThat(badRange.statusCode()).isEqualTo(400);
        assertThat(badRange.body()).contains("\"path\":\"Range\"", "bytes=FROM-TO");

        HttpResponse<String> zero = full("count/output/full?tail_lines=0", null);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("tail_lines must be a whole number from 1");
    }
}
