package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Processes killed with SIGKILL mid-run: the work still completes, each task once. */
class RecoveryIT {

    private static SpoolStack spool;

    @BeforeAll
    static void stack() {
        spool = SpoolStack.get();
    }

    @Test
    void aTaskWhoseWorkerIsKilledCompletesOnAnotherWorkerAndItsOutputIsRecordedOnce() throws Exception {
        String runId = spool.submitted(spool.submit("""
                name: worker-dies
                tasks:
                  - {id: victim, command: "sleep 4; echo survived"}
                """, "application/yaml"));
        spool.awaitTaskStatus(runId, "victim", "RUNNING");
        JsonNode running = SpoolStack.task(spool.json.readTree(spool.get("/api/v1/runs/" + runId).body()), "victim");
        String workerId = running.path("worker_id").asText();
        long pid = Long.parseLong(workerId.substring(workerId.lastIndexOf('-') + 1));
        ProcessHandle worker = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process for worker " + workerId));
        worker.destroyForcibly();
        worker.onExit().get();
        try {
            JsonNode run = spool.awaitEnd(runId, Duration.ofSeconds(60));
            JsonNode victim = SpoolStack.task(run, "victim");
            assertThat(victim.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(victim.path("worker_id").asText()).isNotEqualTo(workerId);
            JsonNode attempts = spool.attempts(runId, "victim");
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(1).path("status").asText()).isEqualTo("LOST");
            assertThat(attempts.get(1).path("error").asText()).startsWith("no heartbeat from worker " + workerId);
            assertThat(spool.get("/api/v1/runs/" + runId + "/tasks/victim/output").body()).isEqualTo("survived\n");
            // The state-service recorded the second attempt's output, and nothing for the lost one.
            assertThat(state("/api/v1/outputs/" + runId + "/victim?attempt=2").statusCode()).isEqualTo(200);
            assertThat(state("/api/v1/outputs/" + runId + "/victim?attempt=1").statusCode()).isEqualTo(404);
        } finally {
            spool.stack.start("worker-service");
            spool.stack.start("worker-service-2");
        }
    }

    @Test
    void aWorkerStartedAfterAKillReapsTheProcessesAndDirectoriesItsPredecessorLeft() throws Exception {
        String runId = spool.submitted(spool.submit("name: orphaned\ntasks:\n  - {id: orphan, command: [sleep, '600']}\n", "application/yaml"));
        try {
            spool.awaitTaskStatus(runId, "orphan", "RUNNING");
            String workerId = SpoolStack.task(spool.json.readTree(spool.get("/api/v1/runs/" + runId).body()), "orphan").path("worker_id").asText();
            long workerPid = Long.parseLong(workerId.substring(workerId.lastIndexOf('-') + 1));
            String component = pidOf("worker-service") == workerPid ? "worker-service" : "worker-service-2";
            Path workDir = spool.config.dir().resolve(component.equals("worker-service") ? "worker" : "worker-2");
            String attemptId = spool.attempts(runId, "orphan").get(0).path("id").asText();
            List<ProcessHandle> orphans = processesOf(runId);
            assertThat(orphans).as("the task's processes").isNotEmpty();

            ProcessHandle worker = ProcessHandle.of(workerPid).orElseThrow();
            worker.destroyForcibly();
            worker.onExit().get();
            assertThat(orphans).as("a task outlives a worker killed with SIGKILL").anyMatch(ProcessHandle::isAlive);
            assertThat(workDir.resolve(attemptId)).exists();

            spool.stack.start(component);
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline) && (orphans.stream().anyMatch(ProcessHandle::isAlive) || Files.exists(workDir.resolve(attemptId)))) {
                Thread.sleep(200);
            }
            assertThat(orphans).as("processes left by the killed worker").noneMatch(ProcessHandle::isAlive);
            assertThat(workDir.resolve(attemptId)).as("the killed worker's attempt directory").doesNotExist();
        } finally {
            spool.post("/api/v1/runs/" + runId + "/cancel?reason=test-over");
            spool.stack.start("worker-service");
            spool.stack.start("worker-service-2");
        }
    }

    private static long pidOf(String component) throws Exception {
        return Long.parseLong(Files.readString(spool.config.dir().resolve("run").resolve(component + ".pid")).trim());
    }

    /** The processes whose environment says they run for the run: the task's, wherever its worker is. */
    private static List<ProcessHandle> processesOf(String runId) {
        return ProcessHandle.allProcesses().filter(process -> {
            try {
                return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ")), java.nio.charset.StandardCharsets.UTF_8)
                        .contains("SPOOL_RUN_ID=" + runId);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    @Test
    void aSchedulerKilledMidRunRecoversAndEveryTaskSucceedsExactlyOnce() throws Exception {
        StringBuilder yaml = new StringBuilder("name: scheduler-dies\ntasks:\n");
        for (int i = 0; i < 40; i++) {
            yaml.append("  - {id: t").append(i).append(", command: \"sleep 0.2\"")
                    .append(i >= 10 ? ", depends_on: [t" + (i - 10) + "]" : "").append("}\n");
        }
        String runId = spool.submitted(spool.submit(yaml.toString(), "application/yaml"));
        spool.awaitTaskStatus(runId, "t12", "SUCCEEDED");
        Path pidFile = spool.config.dir().resolve("run").resolve("scheduler-service.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle scheduler = ProcessHandle.of(pid).orElseThrow();
        scheduler.destroyForcibly();
        scheduler.onExit().get();
        spool.stack.start("scheduler-service");

        JsonNode run = spool.awaitEnd(runId, Duration.ofSeconds(90));
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        for (JsonNode task : run.path("tasks")) {
            JsonNode attempts = spool.attempts(runId, task.path("id").asText());
            long succeeded = 0;
            for (JsonNode attempt : attempts) {
                succeeded += attempt.path("status").asText().equals("SUCCEEDED") ? 1 : 0;
            }
            assertThat(succeeded).as("successful attempts of %s", task.path("id").asText()).isEqualTo(1);
        }
    }

    @Test
    void aStandbySchedulerTakesOverWhenTheLeaderIsKilled() throws Exception {
        spool.stack.start("scheduler-service-2");
        String standby = spool.config.url(spool.config.gatewayPort() + 10);
        try {
            assertThat(metric(standby, "spool_scheduler_leader")).isEqualTo(0.0);
            StringBuilder yaml = new StringBuilder("name: leader-dies\ntasks:\n");
            for (int i = 0; i < 12; i++) {
                yaml.append("  - {id: t").append(i).append(", command: \"sleep 0.3\"").append(i > 0 ? ", depends_on: [t" + (i - 1) + "]" : "").append("}\n");
            }
            String runId = spool.submitted(spool.submit(yaml.toString(), "application/yaml"));
            spool.awaitTaskStatus(runId, "t2", "SUCCEEDED");
            long pid = Long.parseLong(Files.readString(spool.config.dir().resolve("run").resolve("scheduler-service.pid")).trim());
            ProcessHandle leader = ProcessHandle.of(pid).orElseThrow();
            leader.destroyForcibly();
            leader.onExit().get();

            Instant deadline = Instant.now().plusSeconds(60);
            JsonNode run = null;
            while (Instant.now().isBefore(deadline)) {
                run = spool.json.readTree(get(standby + "/api/v1/runs/" + runId).body());
                if (run.path("status").asText().equals("SUCCEEDED") || run.path("status").asText().equals("FAILED")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(metric(standby, "spool_scheduler_leader")).isEqualTo(1.0);
        } finally {
            spool.stack.start("scheduler-service");
            spool.stack.stop("scheduler-service-2");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return spool.http.send(spool.request(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String base, String name) throws Exception {
        for (String line : get(base + "/q/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name + " at " + base);
    }

    private HttpResponse<String> state(String path) throws Exception {
        return spool.http.send(spool.internal(spool.config.statePort(), path).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
