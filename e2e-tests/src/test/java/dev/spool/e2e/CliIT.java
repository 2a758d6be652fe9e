package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/spool} against the real stack, as a user runs it: every command, its output and its exit code, the JSON
 * it prints parsed back, and the errors a user meets.
 */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAILS_ON_PURPOSE = """
            name: cli-fails-on-purpose
            tasks:
              - id: prepare
                command: [echo, "preparing"]
              - id: check
                depends_on: [prepare]
                command: "echo 'checking'; echo 'check failed: 3 rows are missing' >&2; exit 3"
              - id: report
                depends_on: [check]
                command: [echo, "report"]
            """;

    private final SpoolStack spool = SpoolStack.get();
    private final SpoolCommand cli = new SpoolCommand(spool);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private String submitted(SpoolCommand.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("as run ([0-9a-f-]{36})").matcher(result.out());
        assertThat(id.find()).as(result.out()).isTrue();
        return id.group(1);
    }

    @Test
    void submitFollowOfAWorkflowThatFailsShowsEachTaskThenTheSummaryAndExitsOne() {
        Path workflow = cli.file("fails.yaml", FAILS_ON_PURPOSE);

        SpoolCommand.Result result = cli.run("submit", workflow.toString(), "--follow");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.out()).contains("submitted fails.yaml as run ")
                .contains("prepare SUCCEEDED").contains("check FAILED: failed with exit code 3").contains("report SKIPPED")
                .contains("run cli-fails-on-purpose FAILED in ").contains("3 tasks: 1 FAILED, 1 SKIPPED, 1 SUCCEEDED")
                .contains("its output: spool logs ");
        // Piped, it prints no escape sequences.
        assertThat(result.out()).doesNotContain("\u001b[");
        String runId = result.out().replaceAll("(?s).*as run ([0-9a-f-]{36}).*", "$1");

        SpoolCommand.Result stderr = cli.run("logs", runId, "check", "--stream", "stderr");
        assertThat(stderr.exitCode()).isZero();
        assertThat(stderr.out()).isEqualTo("check failed: 3 rows are missing\n");
        assertThat(cli.run("status", runId).exitCode()).isEqualTo(1);
    }

    @Test
    void jsonOutputParsesBackForScripts() throws Exception {
        Path workflow = cli.file("ok.yaml", "name: cli-json\ntasks:\n  - {id: hello, command: [echo, hi]}\n");

        JsonNode run = json(cli.run("-o", "json", "submit", workflow.toString(), "--follow").out());
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        String runId = run.path("id").asText();

        JsonNode status = json(cli.run("status", runId, "--output", "json").out());
        assertThat(status.path("tasks").get(0).path("outputs").path("stdout").path("original_bytes").asLong()).isEqualTo(3);
        JsonNode runs = json(cli.run("runs", "--name", "cli-json", "-o", "json").out());
        assertThat(runs.path("runs")).extracting(node -> node.path("id").asText()).contains(runId);
        JsonNode outputs = json(cli.run("outputs", runId, "-o", "json").out());
        assertThat(outputs.path("items")).extracting(node -> node.path("output_type").asText()).contains("stdout", "stderr");
        JsonNode metrics = json(cli.run("metrics", runId, "-o", "json").out());
        assertThat(metrics.path("outputs").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode storage = json(cli.run("storage", "--run", runId, "-o", "json").out());
        assertThat(storage.path("run_id").asText()).isEqualTo(runId);
        JsonNode prune = json(cli.run("prune", runId, "--dry-run", "-o", "json").out());
        assertThat(prune.path("dry_run").asBoolean()).isTrue();
        JsonNode context = json(cli.run("context", runId, "hello", "-o", "json").out());
        assertThat(context.path("task_id").asText()).isEqualTo("hello");
        JsonNode validation = json(cli.run("validate", workflow.toString(), "-o", "json").out());
        assertThat(validation.path("limits").path("hello").path("output").path("max_stdout_bytes").asLong()).isPositive();
    }

    @Test
    void theDiagnosticsCommandsShowARunsOutputsContextAndStorage() {
        String runId = submitted(cli.run("submit", cli.file("ctx.yaml", """
                name: cli-diagnostics
                limits: {max_stdout_bytes: 1024, external_storage_threshold: 2048}
                tasks:
                  - {id: source, command: "seq 1 5000"}
                  - {id: reader, depends_on: [source], command: "cat \\"$SPOOL_CONTEXT_FILE\\" | wc -c"}
                """).toString()));
        assertThat(cli.run("status", runId, "--watch").exitCode()).isZero();

        assertThat(cli.run("outputs", runId).out()).contains("source").contains("(cut)").contains("runs/" + runId + "/source/");
        assertThat(cli.run("context", runId, "reader").out()).contains("context of reader (attempt 1, delivered)").contains("source");
        assertThat(cli.run("metrics", runId).out()).contains("truncated          1").contains("in object storage");
        assertThat(cli.run("storage", "--run", runId).out()).contains("objects            1").contains("bucket             spool-outputs");
        assertThat(cli.run("prune", runId, "--dry-run").out()).startsWith("would prune ");
        assertThat(cli.run("logs", runId, "source", "--head", "2").out()).isEqualTo("1\n2\n");
        assertThat(cli.run("logs", runId, "source", "--full").out()).hasLineCount(5000).endsWith("4999\n5000\n");
        assertThat(cli.run("validate", spool.config.home().resolve("deploy/examples/hello-dag.yaml").toString()).out())
                .contains("valid: ").contains("effective limits").contains("big-output").contains("external_storage_threshold=262144");
    }

    @Test
    void pauseResumeCancelAndRetryChangeTheRunAndSayWhatItIsNow() {
        String runId = submitted(cli.run("submit", cli.file("slow.yaml", """
                name: cli-controls
                tasks:
                  - {id: slow, command: "sleep 4"}
                  - {id: after, depends_on: [slow], command: [echo, after]}
                """).toString()));

        SpoolCommand.Result paused = cli.run("pause", runId);
        assertThat(paused.exitCode()).as(paused.err()).isZero();
        assertThat(paused.out()).contains("now PAUSED");
        SpoolCommand.Result noOutput = cli.run("logs", runId, "after");
        assertThat(noOutput.exitCode()).isEqualTo(6);
        assertThat(noOutput.err()).contains("task after of run " + runId + " has no output yet").contains("--follow");
        assertThat(cli.run("resume", runId).out()).contains("now RUNNING");
        SpoolCommand.Result cancelled = cli.run("cancel", runId, "--reason", "changed my mind");
        assertThat(cancelled.exitCode()).isZero();
        assertThat(cli.run("status", runId, "--watch").exitCode()).as("a cancelled run's exit code").isEqualTo(3);
        SpoolCommand.Result again = cli.run("cancel", runId);
        assertThat(again.exitCode()).isEqualTo(7);
        assertThat(again.err()).contains("has already ended");

        String failed = submitted(cli.run("submit", cli.file("flaky.yaml", """
                name: cli-retry
                tasks:
                  - {id: flaky, command: [echo, fine]}
                """).toString(), "--set", "tasks.flaky.command=exit 1"));
        assertThat(cli.run("status", failed, "--watch").exitCode()).isEqualTo(1);
        SpoolCommand.Result retried = cli.run("retry", failed);
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        assertThat(retried.out()).contains("retrying flaky of run " + failed);
        assertThat(cli.run("status", failed, "--watch").exitCode()).isEqualTo(1);
        // The first attempt's record is still there to read after the retry's.
        SpoolCommand.Result first = cli.run("logs", failed, "flaky", "--attempt", "1", "--stream", "stderr");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(cli.run("status", failed, "-o", "json").out()).contains("\"attempt\" : 2");
        assertThat(cli.run("retry", failed, "nope").exitCode()).isEqualTo(6);
    }

    @Test
    void theErrorsAUserMeetsSayWhatToDoWithTheirExitCodesAndNoStackTrace() {
        SpoolCommand.Result missing = cli.run("submit", "no-such-file.yaml");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("there is no file no-such-file.yaml").contains("check the path");

        SpoolCommand.Result yaml = cli.run("validate", cli.file("broken.yaml", "name: broken\ntasks:\n  - id: a\n    command: [echo\n").toString());
        assertThat(yaml.exitCode()).isEqualTo(2);
        assertThat(yaml.err()).contains("broken.yaml: ").containsPattern("line [45]");

        SpoolCommand.Result invalid = cli.run("submit", cli.file("invalid.yaml", "name: x\ntasks:\n  - id: a\n    command: [echo]\n    timeout: soon\n").toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("line 5").contains("tasks[0].timeout");

        String unknown = UUID.randomUUID().toString();
        SpoolCommand.Result notFound = cli.run("status", unknown);
        assertThat(notFound.exitCode()).isEqualTo(6);
        assertThat(notFound.err()).contains(unknown);
        assertThat(cli.run("status", "not-a-run-id").exitCode()).isEqualTo(2);

        SpoolCommand.Result badToken = cli.run(Map.of("SPOOL_TOKEN", "spool_not-a-real-token"), Duration.ofMinutes(1), "runs");
        assertThat(badToken.exitCode()).isEqualTo(5);
        assertThat(badToken.err()).contains("The token came from SPOOL_TOKEN");

        SpoolCommand.Result unreachable = cli.run(Map.of("SPOOL_GATEWAY", "http://127.0.0.1:1"), Duration.ofMinutes(1), "runs");
        assertThat(unreachable.exitCode()).isEqualTo(4);
        assertThat(unreachable.err()).contains("cannot reach the Spool gateway at http://127.0.0.1:1 (from SPOOL_GATEWAY)");

        SpoolCommand.Result usage = cli.run("logs", "only-a-run");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameter").contains("spool logs --help");

        for (SpoolCommand.Result result : List.of(missing, yaml, invalid, notFound, badToken, unreachable, usage)) {
            assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void theCompletionScriptCompletesCommandsInBash() throws Exception {
        Path script = cli.file("completion.bash", cli.run("completion", "bash").out());
        Process bash = new ProcessBuilder("bash", "-c", "source '" + script + "' && COMP_WORDS=(spool s) COMP_CWORD=1 && _complete_spool"
                + " && printf '%s\\n' \"${COMPREPLY[@]}\"").redirectErrorStream(true).start();
        String completions = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(completions.lines()).contains("submit", "status", "storage").doesNotContain("logs");
    }

    @Test
    void aContextOfTheConfigurationFilePointsTheCommandAtTheGateway() {
        Map<String, String> noTarget = new java.util.HashMap<>();
        noTarget.put("SPOOL_GATEWAY", null);
        noTarget.put("SPOOL_TOKEN", null);
        assertThat(cli.run(Map.of(), Duration.ofMinutes(1), "config", "set-context", "e2e", spool.gateway(), "--token",
                dev.spool.stack.StackSecrets.adminToken(spool.config.dir())).exitCode()).isZero();

        SpoolCommand.Result runs = cli.run(noTarget, Duration.ofMinutes(1), "runs", "-n", "1");

        assertThat(runs.exitCode()).as(runs.err()).isZero();
        assertThat(runs.out()).startsWith("RUN ");
        assertThat(cli.run(noTarget, Duration.ofMinutes(1), "config", "show").out()).contains("from context e2e");
    }

    /** Ctrl-C on {@code submit --follow}: what the process prints and exits with, the run's status afterwards. */
    private String interrupted(String name, boolean cancel, String expectedStatus) throws Exception {
        Path workflow = cli.file(name + ".yaml", "name: " + name + "\ntasks:\n  - {id: slow, command: \"sleep 5\"}\n");
        Path stderr = cli.home.resolve(name + ".err");
        Process follow = cancel ? cli.start(ProcessBuilder.Redirect.to(stderr.toFile()), "submit", workflow.toString(), "--follow", "--cancel-on-interrupt")
                : cli.start(ProcessBuilder.Redirect.to(stderr.toFile()), "submit", workflow.toString(), "--follow");
        BufferedReader out = new BufferedReader(new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).startsWith("submitted " + name + ".yaml as run ");
        String runId = first.substring(first.lastIndexOf(' ') + 1);
        spool.awaitTaskStatus(runId, "slow", "RUNNING");
        new ProcessBuilder("kill", "-INT", Long.toString(follow.pid())).start().waitFor();
        assertThat(follow.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(follow.exitValue()).isEqualTo(130);
        assertThat(spool.awaitEnd(runId, Duration.ofMinutes(1)).path("status").asText()).isEqualTo(expectedStatus);
        return java.nio.file.Files.readString(stderr).replace(runId, "RUN");
    }

    @Test
    void ctrlCDetachesFromAFollowedRunWhichGoesOnAndSaysHowToReattach() throws Exception {
        assertThat(interrupted("cli-detach", false, "SUCCEEDED"))
                .contains("detached; run RUN goes on. Re-attach: spool status RUN --watch");
    }

    @Test
    void ctrlCWithCancelOnInterruptCancelsTheRun() throws Exception {
        assertThat(interrupted("cli-cancel-on-interrupt", true, "CANCELLED")).contains("cancelled run RUN");
    }

    @Test
    void logsFollowPrintsATasksLinesAsItPrintsThemForTenSeconds() throws Exception {
        String runId = submitted(cli.run("submit", cli.file("ticks.yaml", """
                name: cli-follow
                tasks:
                  - {id: ticks, command: "for i in $(seq 1 20); do echo tick $i; sleep 0.5; done"}
                """).toString()));

        Process follow = cli.start("logs", runId, "ticks", "--follow");
        List<String> lines = new ArrayList<>();
        List<Instant> arrivals = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
                arrivals.add(Instant.now());
            }
        }
        assertThat(follow.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(follow.exitValue()).isZero();
        assertThat(lines).containsSubsequence("tick 1", "tick 10", "tick 20");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("tick 20");
        // Live: the lines came over the task's ten seconds, not all at once when it ended.
        assertThat(Duration.between(arrivals.get(lines.indexOf("tick 2")), arrivals.get(lines.size() - 1))).isGreaterThan(Duration.ofSeconds(5));
    }

    @Test
    void logsTailOfAGibibyteOutputReadsOnlyItsLastBlocks() {
        String runId = submitted(cli.run("submit", cli.file("huge.yaml", """
                name: cli-huge
                tasks:
                  - id: huge
                    command: "yes $(printf 'x%.0s' $(seq 99)) | head -c 1073741800; for i in 1 2 3 4 5; do echo end $i; done"
                """).toString()));
        assertThat(cli.run(Map.of(), Duration.ofMinutes(5), "status", runId, "--watch").exitCode()).isZero();

        long started = System.nanoTime();
        SpoolCommand.Result tail = cli.run("logs", runId, "huge", "--tail", "5");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(tail.exitCode()).as(tail.err()).isZero();
        assertThat(tail.out()).isEqualTo("end 1\nend 2\nend 3\nend 4\nend 5\n");
        // A figure for the record (bench/README.md), not a timed assertion: the command's whole run, JVM start included.
        System.out.printf("spool logs --tail 5 of a 1 GiB output: %d ms%n", millis);
    }
}
