package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Each task in a room of its own: as a user of its own, it cannot read another attempt's directory, the spool
 * files, or the stack's folder; whatever it started, in its group or out of it, is gone when it ends; and the
 * environment names that are Spool's cannot be set. The stack runs as root here, as the local stack does when it
 * can; as another user it says at start that tasks share its user, and these guarantees are not given.
 */
class IsolationIT {

    private static SpoolStack spool;

    @BeforeAll
    static void startStack() {
        spool = SpoolStack.get();
        assumeThat(System.getProperty("user.name")).as("tasks run as users of their own only under a root worker").isEqualTo("root");
    }

    @Test
    void aTaskCanReadNeitherAnotherAttemptsDirectoryNorTheSpoolFilesNorTheStacksFolder() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: isolation
                tasks:
                  - id: holder
                    keep_work_dir: true
                    script: |
                      echo "the holder's private data" > private.txt
                      echo "$PWD" > /tmp/spool-isolation-$SPOOL_RUN_ID
                      echo "dir=$PWD"
                      for i in $(seq 1 300); do [ -e /tmp/spool-isolation-$SPOOL_RUN_ID.done ] && break; sleep 0.1; done
                  - id: prober
                    env: {STACK: "%s"}
                    script: |
                      for i in $(seq 1 300); do [ -s /tmp/spool-isolation-$SPOOL_RUN_ID ] && break; sleep 0.1; done
                      other=$(cat /tmp/spool-isolation-$SPOOL_RUN_ID)
                      attempt=$(dirname "$other")
                      try() { if "$@" > /dev/null 2>&1; then echo "READ $*"; else echo "denied $*"; fi; }
                      try cat "$other/private.txt"
                      try ls "$other"
                      try ls "$attempt"
                      try cat "$attempt/stdout.log"
                      try cat "$attempt/stdout.gz"
                      try cat "$attempt/owner"
                      try ls "$(dirname "$attempt")"
                      try cat "$STACK/admin-token"
                      try cat "$STACK/secrets-key"
                      try ls "$STACK"
                      try ls "$STACK/secrets"
                      try ls "$STACK/s3"
                      try ls "$STACK/logs"
                      try ls "$STACK/postgres"
                      echo mine > mine.txt && echo "wrote in its own directory as $(id -u)"
                      touch /tmp/spool-isolation-$SPOOL_RUN_ID.done
                """.formatted(spool.config.dir()), Duration.ofMinutes(2));
        String runId = run.path("id").asText();
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");

        String probed = spool.get("/api/v1/runs/" + runId + "/tasks/prober/output").body();
        assertThat(probed).as(probed).doesNotContain("READ").contains("wrote in its own directory as ");
        assertThat(probed.lines().filter(line -> line.startsWith("denied ")).count()).as(probed).isEqualTo(14);

        JsonNode holder = SpoolStack.task(run, "holder").path("usage");
        JsonNode prober = SpoolStack.task(run, "prober").path("usage");
        assertThat(holder.path("task_uid").asInt()).isGreaterThanOrEqualTo(70000);
        assertThat(prober.path("task_uid").asInt()).isGreaterThanOrEqualTo(70000);
        assertThat(probed).contains("as " + prober.path("task_uid").asInt());
        assertThat(holder.path("task_uid").asInt()).isNotEqualTo(prober.path("task_uid").asInt());
        assertThat(holder.path("containment").asText()).isIn("cgroup", "proc-marker");

        // The kept directory, on the worker that ran the holder, is the worker's now: no later task can read it.
        String holderSaid = spool.get("/api/v1/runs/" + runId + "/tasks/holder/output").body();
        assertThat(holderSaid).startsWith("dir=");
        Path kept = Path.of(holderSaid.trim().substring(4));
        assertThat(kept.resolve("private.txt")).hasContent("the holder's private data");
        assertThat(Files.getAttribute(kept, "unix:uid")).isEqualTo(0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rwx------");
        JsonNode later = spool.runToEnd("""
                name: later-look
                tasks:
                  - id: look
                    command: "cat '%s/private.txt' || echo denied"
                """.formatted(kept));
        assertThat(spool.get("/api/v1/runs/" + later.path("id").asText() + "/tasks/look/output").body()).isEqualTo("denied\n");
    }

    @Test
    void whatATaskStartedOutsideItsGroupIsGoneWhenItEnds() throws Exception {
        JsonNode run = spool.runToEnd("""
                name: daemons
                tasks:
                  - id: daemons
                    script: |
                      setsid sh -c 'sleep 300' > /dev/null 2>&1 &
                      ( setsid sh -c 'sleep 301' > /dev/null 2>&1 & )
                      setsid sleep 302 &
                      sleep 0.5
                      echo "started three"
                """, Duration.ofMinutes(1));
        String runId = run.path("id").asText();
        JsonNode task = SpoolStack.task(run, "daemons");
        assertThat(task.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(task.path("usage").path("leftovers_killed").asInt()).as(task.toString()).isGreaterThanOrEqualTo(3);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(processesOfRun(runId)).isEmpty());
    }

    @Test
    void spoolsOwnEnvironmentNamesAndLoaderVariablesAreRefused() throws Exception {
        var answer = spool.submit("""
                name: forged
                tasks:
                  - id: a
                    command: "true"
                    env: {SPOOL_ATTEMPT_ID: forged, LD_PRELOAD: /tmp/evil.so}
                """, "application/yaml");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("tasks[0].env.SPOOL_ATTEMPT_ID", "tasks[0].env.LD_PRELOAD", "spool.scheduler.allowed-loader-env");
    }

    /** Processes anywhere on the machine whose environment says they run for the run. */
    private static List<String> processesOfRun(String runId) throws IOException {
        List<String> found = new ArrayList<>();
        byte[] marker = ("SPOOL_RUN_ID=" + runId).getBytes(StandardCharsets.UTF_8);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                try {
                    String environment = new String(Files.readAllBytes(entry.resolve("environ")), StandardCharsets.UTF_8);
                    if (environment.contains(new String(marker, StandardCharsets.UTF_8))) {
                        found.add(entry.getFileName() + " " + Files.readString(entry.resolve("cmdline")).replace('\0', ' '));
                    }
                } catch (IOException ended) {
                    // Gone while being read.
                }
            }
        }
        return found;
    }
}
