package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Output capture and process control on the real stack: the worker runs with -Xmx256m, as it does here. */
class CaptureIT {

    private static final long GIB = 1L << 30;
    private static SpoolStack spool;

    @BeforeAll
    static void stack() {
        spool = SpoolStack.get();
    }

    @Test
    void aTaskPrintingOneGibibyteSucceedsWithItsExactTailAndStoredCopyInBoundedMemory() throws Exception {
        // Each worker's resident memory now, and its peak reset to it: what the worker that runs the task needs on top
        // is what this task costs, whatever an earlier test left its heap at.
        java.util.Map<Long, Long> residentBefore = new java.util.HashMap<>();
        for (long pid : workerPids()) {
            residentBefore.put(pid, procStatus(pid, "VmRSS:"));
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
        }
        JsonNode run = spool.runToEnd("""
                name: one-gibibyte
                tasks:
                  - id: flood
                    command: "yes $(printf 'x%.0s' $(seq 99)) | head -c 1073741824"
                    limits: {max_stdout_bytes: 65536}
                """, Duration.ofMinutes(4));
        JsonNode task = SpoolStack.task(run, "flood");
        assertThat(task.path("status").asText()).isEqualTo("SUCCEEDED");

        // 99 x's and a newline per line; the last line is cut short with no newline.
        byte[] line = ("x".repeat(99) + "\n").getBytes(StandardCharsets.US_ASCII);
        MessageDigest expectedSha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[line.length * 10_000];
        for (int i = 0; i < 10_000; i++) {
            System.arraycopy(line, 0, block, i * line.length, line.length);
        }
        for (long left = GIB; left > 0; left -= Math.min(left, block.length)) {
            expectedSha.update(block, 0, (int) Math.min(left, block.length));
        }
        String expectedHex = HexFormat.of().formatHex(expectedSha.digest());

        String base = "/api/v1/runs/" + run.path("id").asText() + "/tasks/flood/output";
        HttpResponse<String> kept = spool.get(base + "?stream=stdout");
        long tailStart = GIB - 65536;
        StringBuilder tail = new StringBuilder();
        for (long i = tailStart; i < GIB; i++) {
            tail.append(i % 100 == 99 ? '\n' : 'x');
        }
        long droppedNewlines = tailStart / 100;
        assertThat(kept.body()).isEqualTo(String.format("[... %,d bytes (%,d lines) truncated ...]\n", tailStart, droppedNewlines) + tail);
        assertThat(kept.headers().firstValue("X-Spool-Original-Bytes")).contains(Long.toString(GIB));
        assertThat(kept.headers().firstValue("X-Spool-Original-Lines")).contains(Long.toString(GIB / 100 + 1));

        HttpResponse<InputStream> full = spool.http.send(spool.request(base + "/full?stream=stdout").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.headers().firstValue("X-Spool-Sha256")).contains(expectedHex);
        MessageDigest downloaded = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = full.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) != -1; size += n) {
                downloaded.update(buffer, 0, n);
            }
        }
        assertThat(size).isEqualTo(GIB);
        assertThat(HexFormat.of().formatHex(downloaded.digest())).isEqualTo(expectedHex);

        // Its last lines, from the last block of the stored copy: two whole lines and the cut one.
        HttpResponse<String> lastLines = spool.get(base + "/full?stream=stdout&tail_lines=3");
        assertThat(lastLines.statusCode()).isEqualTo(200);
        assertThat(lastLines.body()).isEqualTo("x".repeat(99) + "\n" + "x".repeat(99) + "\n" + "x".repeat(24));

        // The record says how large the stored object is, and the bucket agrees.
        JsonNode record = spool.json.readTree(spool.get("/api/v1/runs/" + run.path("id").asText() + "/outputs?task=flood&type=stdout").body())
                .path("items").get(0);
        io.minio.MinioClient minio = io.minio.MinioClient.builder().endpoint(spool.config.s3Endpoint())
                .credentials(dev.spool.stack.StackConfig.S3_ACCESS_KEY, dev.spool.stack.StackConfig.S3_SECRET_KEY).region("us-east-1").build();
        long inBucket = minio.statObject(io.minio.StatObjectArgs.builder().bucket(dev.spool.stack.StackConfig.BUCKET)
                .object(record.path("external_path").asText()).build()).size();
        assertThat(record.path("object_bytes").asLong()).as("object_bytes of the record").isEqualTo(inBucket).isPositive();

        String workerId = task.path("worker_id").asText();
        long pid = Long.parseLong(workerId.substring(workerId.lastIndexOf('-') + 1));
        assertThat(residentBefore).as("the worker that ran the task (%s) is one of the stack's", workerId).containsKey(pid);
        long peak = procStatus(pid, "VmHWM:");
        long growth = peak - residentBefore.get(pid);
        System.out.printf("worker %s: resident %d MB before, peak %d MB while it captured 1 GiB (%+d MB)%n", workerId,
                residentBefore.get(pid) >> 20, peak >> 20, growth >> 20);
        assertThat(growth).as("what capturing 1 GiB added to the peak RSS of the worker that ran it").isLessThan(150L << 20);
    }

    /**
     * 50 MB of kept text is more than a result carries through Kafka: it goes to the bucket as an object of its own,
     * the result carries its key, and the state-service reads it from there when the output is read.
     */
    @Test
    void aFiftyMegabyteKeptTailTravelsByClaimCheckAndReadsBackExactly() throws Exception {
        long keep = 50_000_000;
        JsonNode run = spool.runToEnd("""
                name: large-tail
                tasks:
                  - id: verbose
                    command: "seq -w 1 7000000"
                    limits: {max_stdout_bytes: %d, truncation_strategy: tail}
                """.formatted(keep));
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        String runId = run.path("id").asText();

        HttpResponse<String> kept = spool.get("/api/v1/runs/" + runId + "/tasks/verbose/output");
        assertThat(kept.statusCode()).isEqualTo(200);
        String text = kept.body();
        // 7,000,000 lines of 8 bytes; the last 50,000,000 bytes are the last 6,250,000 lines, after the marker.
        String marker = "[... 6,000,000 bytes (750,000 lines) truncated ...]\n";
        assertThat(text).startsWith(marker + "0750001\n0750002\n").endsWith("6999999\n7000000\n");
        assertThat(text.length()).isEqualTo(marker.length() + 50_000_000);
        assertThat(kept.headers().firstValue("X-Spool-Kept-Bytes")).hasValue("50000000");
        assertThat(kept.headers().firstValue("X-Spool-Truncated")).hasValue("true");

        io.minio.MinioClient minio = io.minio.MinioClient.builder().endpoint(spool.config.s3Endpoint())
                .credentials(dev.spool.stack.StackConfig.S3_ACCESS_KEY, dev.spool.stack.StackConfig.S3_SECRET_KEY).region("us-east-1").build();
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (var item : minio.listObjects(io.minio.ListObjectsArgs.builder().bucket(dev.spool.stack.StackConfig.BUCKET)
                .prefix("runs/" + runId + "/").recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        assertThat(keys).as("the kept text is an object of its own, beside the full copy").anyMatch(key -> key.endsWith("/stdout.kept.gz"));
    }

    @Test
    void aTimedOutTaskKeepsItsPartialOutputAndLeavesNoGrandchildBehind() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: timeout
                tasks:
                  - id: hang
                    command: "echo started; sleep 1001 & sleep 1001"
                    timeout: 3s
                  - {id: after, command: "echo never", depends_on: [hang]}
                """, Duration.ofMinutes(1));
        JsonNode hang = SpoolStack.task(run, "hang");
        assertThat(hang.path("status").asText()).isEqualTo("TIMED_OUT");
        assertThat(hang.path("status_reason").asText()).startsWith("timed out after 3s");
        assertThat(hang.path("last_heartbeat_at").isTextual()).as("a heartbeat was recorded while it ran").isTrue();
        assertThat(SpoolStack.task(run, "after").path("status").asText()).isEqualTo("SKIPPED");
        assertThat(spool.get("/api/v1/runs/" + run.path("id").asText() + "/tasks/hang/output?stream=stdout").body()).isEqualTo("started\n");
        assertThat(processesRunning("sleep 1001")).isEmpty();
    }

    @Test
    void cancellingARunStopsItsRunningTaskAndEverythingAfterIt() throws Exception {
        HttpResponse<String> submitted = spool.submit("""
                name: to-cancel
                tasks:
                  - {id: long, command: "sleep 1002 & sleep 1002"}
                  - {id: next, command: "echo never", depends_on: [long]}
                """, "application/yaml");
        String runId = spool.json.readTree(submitted.body()).path("id").asText();
        spool.awaitTaskStatus(runId, "long", "RUNNING");

        HttpResponse<String> cancelled = spool.post("/api/v1/runs/" + runId + "/cancel?reason=no+longer+needed");
        assertThat(cancelled.statusCode()).isEqualTo(202);

        JsonNode run = spool.awaitEnd(runId, Duration.ofSeconds(30));
        assertThat(run.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(SpoolStack.task(run, "long").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(SpoolStack.task(run, "long").path("status_reason").asText()).isEqualTo("cancelled: no longer needed");
        assertThat(SpoolStack.task(run, "next").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(processesRunning("sleep 1002")).isEmpty();

        HttpResponse<String> again = spool.post("/api/v1/runs/" + runId + "/cancel");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already ended");
    }

    @Test
    void aTaskOverItsMemoryLimitEndsResourceExceededWithItsUsageRecorded() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: memory-hog
                tasks:
                  - id: hog
                    command: "head -c 2000000000 /dev/zero | tail -n 1"
                    resources: {max_memory_mb: 64, max_open_files: 128}
                  - id: measured
                    command: "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; head -c 5000000 /dev/zero > /dev/null"
                """, Duration.ofMinutes(1));
        JsonNode hog = SpoolStack.task(run, "hog");
        assertThat(hog.path("status").asText()).isEqualTo("RESOURCE_EXCEEDED");
        assertThat(hog.path("status_reason").asText()).contains("over max_memory_mb 64");
        assertThat(hog.path("usage").path("exceeded").asText()).isEqualTo("max_memory_mb");
        assertThat(hog.path("usage").path("enforced_by").asText()).isEqualTo("max_memory_mb=watchdog, max_open_files=rlimit");
        assertThat(hog.path("usage").path("peak_rss_bytes").asLong()).isGreaterThan(64L * 1024 * 1024);

        JsonNode usage = SpoolStack.task(run, "measured").path("usage");
        assertThat(usage.path("wall_millis").asLong()).isPositive();
        assertThat(usage.path("user_cpu_millis").asLong() + usage.path("system_cpu_millis").asLong()).isPositive();
        assertThat(usage.path("peak_rss_bytes").asLong()).isPositive();
    }

    @Test
    void secretsAreMaskedInTheKeptTextAndTheStoredCopy() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: secrets
                env:
                  API_TOKEN: {value: "tok-9f8e7d6c5b4a", secret: true}
                tasks:
                  - id: leaky
                    command: "echo \\"token=$API_TOKEN\\"; seq 1 300000; echo \\"again $API_TOKEN\\""
                    limits: {max_stdout_bytes: 4096, truncation_strategy: both, external_storage_threshold: 1024}
                """, Duration.ofMinutes(1));
        String base = "/api/v1/runs/" + run.path("id").asText() + "/tasks/leaky/output";
        String kept = spool.get(base + "?stream=stdout").body();
        assertThat(kept).startsWith("token=***\n1\n2\n").endsWith("300000\nagain ***\n").doesNotContain("tok-9f8e7d6c5b4a");
        String full = new String(spool.getBytes(base + "/full?stream=stdout").body(), StandardCharsets.UTF_8);
        assertThat(full).startsWith("token=***\n").endsWith("again ***\n").doesNotContain("tok-9f8e7d6c5b4a");
    }

    @Test
    void exitCodesAndPlatformCommandsAreTheWorkflowsToChoose() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: exit-codes
                tasks:
                  - {id: three, command: "exit 3", success_exit_codes: [0, 3]}
                  - {id: four, command: "exit 4", success_exit_codes: [0, 3]}
                  - id: platform
                    platform_commands:
                      unix: {command: echo, args: [on unix]}
                      windows: {command: cmd, args: [/c, echo on windows]}
                  - {id: missing, command: [no-such-program-here, --help]}
                  - {id: not-executable, command: [/etc/passwd]}
                """, Duration.ofMinutes(1));
        assertThat(SpoolStack.task(run, "three").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(SpoolStack.task(run, "four").path("status").asText()).isEqualTo("FAILED");
        assertThat(SpoolStack.task(run, "platform").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(spool.get("/api/v1/runs/" + run.path("id").asText() + "/tasks/platform/output").body()).isEqualTo("on unix\n");
        assertThat(SpoolStack.task(run, "missing").path("exit_code").asInt()).isEqualTo(127);
        assertThat(SpoolStack.task(run, "missing").path("status_reason").asText()).startsWith("command not found: no-such-program-here");
        assertThat(SpoolStack.task(run, "not-executable").path("exit_code").asInt()).isEqualTo(126);
        assertThat(SpoolStack.task(run, "not-executable").path("status_reason").asText()).startsWith("permission denied");
    }

    /** The process ids of the stack's workers, from their pid files. */
    private static List<Long> workerPids() throws Exception {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(spool.config.dir().resolve("run"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("worker-service(-\\d+)?\\.pid")).toList()) {
                pids.add(Long.parseLong(Files.readString(file).trim()));
            }
        }
        return pids;
    }

    /** A figure of /proc/PID/status in bytes, such as VmRSS (resident now) or VmHWM (the peak since it was last reset). */
    private static long procStatus(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new AssertionError("no " + field + " for pid " + pid);
    }

    /** Processes whose command line contains {@code text}, given a moment to go. */
    private static List<String> processesRunning(String text) throws Exception {
        List<String> found = List.of();
        for (int tries = 0; tries < 30; tries++) {
            Process ps = new ProcessBuilder("ps", "-eo", "args").start();
            found = Arrays.stream(new String(ps.getInputStream().readAllBytes()).split("\n"))
                    .filter(args -> args.startsWith(text)).toList();
            ps.waitFor(5, TimeUnit.SECONDS);
            if (found.isEmpty()) {
                return found;
            }
            Thread.sleep(200);
        }
        return found;
    }
}
