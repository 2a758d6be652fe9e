package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.cli.CannedGateway;
import dev.spool.cli.ExitCode;
import dev.spool.cli.TestTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What each command prints from the gateway's documents, and the exit code it ends with. */
class CommandsTest {

    private static final String RUN_ID = "7c2b0000-0000-0000-0000-000000000001";
    private static final String RUN = "GET /api/v1/runs/" + RUN_ID;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private CannedGateway gateway;
    private TestTerminal terminal;

    @BeforeEach
    void start() throws IOException {
        gateway = new CannedGateway();
        terminal = new TestTerminal(home);
        terminal.env.put("SPOOL_GATEWAY", gateway.url());
        terminal.env.put("SPOOL_TOKEN", "spool_test");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private String run(String status) {
        return dev.spool.cli.follow.RunTableTestData.RUN.replace("\"status\": \"RUNNING\", \n", "").replace("\"name\": \"hello-dag\", \"status\": \"RUNNING\"",
                "\"name\": \"hello-dag\", \"status\": \"" + status + "\"");
    }

    private Path workflow(String text) throws IOException {
        Path file = home.resolve("wf.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void submitPrintsTheRunsIdAndSendsTheToken() throws IOException {
        gateway.answer("POST /api/v1/runs", 201, "{\"id\": \"" + RUN_ID + "\", \"name\": \"x\", \"status\": \"RUNNING\", \"warnings\": [\"secret is short\"]}");

        int code = terminal.run("submit", workflow("name: x\ntasks: []\n").toString());

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("submitted wf.yaml as run " + RUN_ID).contains("warning: secret is short");
        assertThat(gateway.authorizations).containsOnly("Bearer spool_test");
    }

    @Test
    void submitFollowEndsWithTheSummaryAndTheRunsOutcome() throws IOException {
        gateway.answer("POST /api/v1/runs", 201, "{\"id\": \"" + RUN_ID + "\", \"name\": \"hello-dag\", \"status\": \"RUNNING\", \"warnings\": []}");
        gateway.answer(RUN, 200, run("FAILED").replace("\"finished_at\": null", "\"finished_at\": \"2026-12-06T10:00:06Z\""));

        int code = terminal.run("submit", workflow("name: x\n").toString(), "--follow");

        assertThat(code).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(terminal.out()).contains("flaky-check FAILED: failed with exit code 3").contains("run hello-dag FAILED in 6.0s")
                .contains("spool logs " + RUN_ID + " flaky-check");
    }

    @Test
    void aRefusedWorkflowListsItsProblemsWithTheirLinesAndExitsAsInvalidInput() throws IOException {
        gateway.answer("POST /api/v1/runs", 400, "{\"error\": \"invalid_workflow\", \"message\": \"the workflow has 1 problem\", "
                + "\"violations\": [{\"path\": \"tasks[0].timeout\", \"message\": \"is not a duration\", \"line\": 4, \"column\": 14}]}");

        int code = terminal.run("submit", workflow("name: x\n").toString());

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(terminal.err()).contains("wf.yaml: the workflow has 1 problem").contains("line 4, column 14: tasks[0].timeout: is not a duration")
                .doesNotContain("Exception");
    }

    @Test
    void validateShowsEachTasksEffectiveLimits() throws IOException {
        gateway.answer("POST /api/v1/workflows/validate", 200, """
                {"valid": true, "name": "x", "tasks": 1, "warnings": [], "cleanup_strategy": null,
                 "limits": {"build": {"output": {"max_stdout_bytes": 65536, "truncation_strategy": "tail"}, "timeout": {"duration": "10m"}}}}""");

        int code = terminal.run("validate", workflow("name: x\n").toString());

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("valid: ").contains("1 tasks").contains("build")
                .contains("output: max_stdout_bytes=65536 truncation_strategy=tail").contains("timeout: duration=10m");
    }

    @Test
    void runsListsRunsAndPassesItsFilters() {
        gateway.answer("GET /api/v1/runs", 200, "{\"runs\": [{\"id\": \"" + RUN_ID + "\", \"name\": \"hello-dag\", \"status\": \"FAILED\", "
                + "\"created_at\": \"2026-12-06T10:00:00Z\", \"finished_at\": \"2026-12-06T10:00:06Z\"}], \"next_cursor\": null}");

        int code = terminal.run("runs", "--status", "failed", "--name", "hello-dag");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("RUN").contains(RUN_ID).contains("hello-dag").contains("FAILED").contains("6.0s");
        assertThat(gateway.requests.get(0)).contains("status=FAILED").contains("name=hello-dag");
    }

    @Test
    void jsonOutputIsTheGatewaysDocumentAndParsesBack() throws IOException {
        gateway.answer(RUN, 200, run("SUCCEEDED"));

        int code = terminal.run("status", RUN_ID, "-o", "json");

        JsonNode parsed = JSON.readTree(terminal.out());
        assertThat(parsed.path("id").asText()).isEqualTo(RUN_ID);
        assertThat(parsed.path("tasks")).hasSize(4);
        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).doesNotContain("\u001b[");
    }

    @Test
    void statusExitsWithTheOutcomeOfAnEndedRun() {
        gateway.answer(RUN, 200, run("CANCELLED"));
        assertThat(terminal.run("status", RUN_ID)).isEqualTo(ExitCode.RUN_CANCELLED);
        assertThat(terminal.out()).contains("run hello-dag").contains("big-output").contains("why: failed with exit code 3");

        gateway.answer(RUN, 200, run("RUNNING"));
        assertThat(terminal.run("status", RUN_ID)).isEqualTo(ExitCode.OK);
    }

    @Test
    void anUnknownRunSaysSoAndExitsAsNotFound() {
        gateway.answer(RUN, 404, "{\"error\": \"run_not_found\", \"message\": \"no run " + RUN_ID + "\"}");

        assertThat(terminal.run("status", RUN_ID)).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(terminal.err()).isEqualTo("error: no run " + RUN_ID + "\n");
    }

    @Test
    void aBadTokenSaysWhereTheTokenCameFrom() {
        gateway.answer("GET /api/v1/runs", 401, "{\"error\": \"invalid_token\", \"message\": \"the token is not known\"}");

        assertThat(terminal.run("runs")).isEqualTo(ExitCode.UNAUTHORIZED);
        assertThat(terminal.err()).contains("the token is not known").contains("The token came from SPOOL_TOKEN");
    }

    @Test
    void anUnreachableGatewayIsNamedWithItsAddress() {
        int code = terminal.run("runs", "--gateway", "http://127.0.0.1:9");

        assertThat(code).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(terminal.err()).contains("cannot reach the Spool gateway at http://127.0.0.1:9 (from --gateway)")
                .contains("deploy/local/stack up");
    }

    @Test
    void errorsAreJsonWithJsonOutput() throws IOException {
        int code = terminal.run("-o", "json", "runs", "--gateway", "http://127.0.0.1:9");

        JsonNode error = JSON.readTree(terminal.err());
        assertThat(error.path("error").asText()).isEqualTo("gateway_unreachable");
        assertThat(error.path("exit_code").asInt()).isEqualTo(code).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void logsPrintTheKeptText() {
        gateway.answer("GET /api/v1/runs/" + RUN_ID + "/tasks/big-output/output?stream=stdout", 200, "row 1\nrow 2\n");

        assertThat(terminal.run("logs", RUN_ID, "big-output")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).isEqualTo("row 1\nrow 2\n");
    }

    @Test
    void logsTailAndHeadReadTheStoredCopy() {
        gateway.answer("GET /api/v1/runs/" + RUN_ID + "/tasks/big-output/output/full?stream=stderr&tail_lines=5", 200, "a\nb\n");
        gateway.answer("GET /api/v1/runs/" + RUN_ID + "/tasks/big-output/output/full?stream=stdout&attempt=1&head_lines=2", 200, "c\n");

        assertThat(terminal.run("logs", RUN_ID, "big-output", "--tail", "5", "--stream", "stderr")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).isEqualTo("a\nb\n");
        assertThat(terminal.run("logs", RUN_ID, "big-output", "--head", "2", "--attempt", "1")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).isEqualTo("c\n");
    }

    @Test
    void logsOfATaskThatHasNotRunSayThereIsNoOutputYet() {
        gateway.answer(RUN, 200, run("RUNNING"));
        gateway.answer("GET /api/v1/runs/" + RUN_ID + "/tasks/report/output?stream=stdout", 404,
                "{\"error\": \"not_found\", \"message\": \"no output recorded\"}");

        assertThat(terminal.run("logs", RUN_ID, "report")).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(terminal.err()).contains("task report of run " + RUN_ID + " has no output yet: it is PENDING")
                .contains("spool logs " + RUN_ID + " report --follow");
    }

    @Test
    void logsOptionsThatContradictEachOtherAreRefusedBeforeAnyRequest() {
        assertThat(terminal.run("logs", RUN_ID, "t", "--tail", "5", "--full")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(terminal.err()).contains("mutually exclusive");
        assertThat(terminal.run("logs", RUN_ID, "t", "--follow", "--head", "5")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(terminal.err()).contains("--follow").contains("--tail");
        assertThat(terminal.run("logs", RUN_ID, "t", "--stream", "stdin")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(terminal.err()).contains("stdout, stderr");
        assertThat(gateway.requests).isEmpty();
    }

    @Test
    void cancelInARunThatEndedIsRefusedWithTheGatewaysReason() {
        gateway.answer("POST /api/v1/runs/" + RUN_ID + "/cancel", 409, "{\"error\": \"run_already_ended\", \"message\": \"run has already ended SUCCEEDED\"}");

        assertThat(terminal.run("cancel", RUN_ID)).isEqualTo(ExitCode.REFUSED);
        assertThat(terminal.err()).contains("run has already ended SUCCEEDED");
    }

    @Test
    void pauseAndResumeSayWhatTheRunIsNow() {
        gateway.answer("POST /api/v1/runs/" + RUN_ID + "/pause", 200, run("PAUSED"));
        gateway.answer("POST /api/v1/runs/" + RUN_ID + "/resume", 200, run("RUNNING"));

        assertThat(terminal.run("pause", RUN_ID)).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("paused run " + RUN_ID + " (hello-dag): now PAUSED");
        assertThat(terminal.run("resume", RUN_ID)).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("now RUNNING");
    }

    @Test
    void retryWithoutATaskRetriesEveryTaskThatFailed() {
        gateway.answer(RUN, 200, run("FAILED"));
        gateway.answer("POST /api/v1/runs/" + RUN_ID + "/tasks/flaky-check/retry", 202, run("RUNNING"));

        assertThat(terminal.run("retry", RUN_ID)).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).isEqualTo("retrying flaky-check of run " + RUN_ID + "\n");
    }

    @Test
    void outputsShowEachRecord() {
        gateway.answer("GET /api/v1/runs/" + RUN_ID + "/outputs", 200, """
                {"items": [{"task_id": "big-output", "attempt": 1, "output_type": "stdout", "task_status": "SUCCEEDED",
                  "original_bytes": 2097152, "original_lines": 200001, "kept_bytes": 65536, "truncated": true,
                  "truncation_strategy": "tail", "relevance_score": 0.8, "external_path": "s3://spool-outputs/runs/x/stdout.gz"}],
                 "next_cursor": null}""");

        assertThat(terminal.run("outputs", RUN_ID, "--task", "big-output")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("big-output").contains("2.0 MiB / 200.0k lines").contains("64 KiB (cut)").contains("tail")
                .contains("0.80").contains("s3://spool-outputs/runs/x/stdout.gz");
        assertThat(gateway.requests.get(0)).contains("task=big-output");
    }

    @Test
    void contextShowsWhatWentInAndWhatDidNotFit() {
        gateway.answer("GET /api/v1/runs/" + RUN_ID + "/tasks/report/context", 200, """
                {"task_id": "report", "attempt": 1, "format": "markdown", "content": "# context\\n", "bytes": 1200, "delivered": true,
                 "budget": {"max_bytes": 65536, "max_tasks": 10, "min_relevance": 0.5},
                 "entries": [{"task_id": "prepare", "attempt": 1, "output_type": "stdout", "relevance": 0.9, "reason": "direct dependency",
                              "included_bytes": 23, "shortened": false}],
                 "omitted_outputs": 1, "omitted": [{"task_id": "big-output", "output_type": "stdout", "reason": "over max_bytes"}]}""");

        assertThat(terminal.run("context", RUN_ID, "report")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("context of report").contains("delivered").contains("1.2 KiB of 64 KiB")
                .contains("prepare").contains("0.90").contains("direct dependency").contains("big-output stdout: over max_bytes");
        assertThat(terminal.run("context", RUN_ID, "report", "--content")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).isEqualTo("# context\n");
    }

    @Test
    void metricsAndStorageShowTheirFigures() {
        gateway.answer("GET /api/v1/runs/" + RUN_ID + "/context-metrics", 200, """
                {"outputs": 8, "kept_bytes_in_database": 65600, "bytes_in_object_storage": 400000, "original_bytes": 2097200,
                 "truncated_outputs": 1, "truncation_rate": 0.125, "pruned_outputs": 0, "pruned_bytes": 0, "prune_passes": 0,
                 "average_relevance": 0.5, "largest_outputs": [], "warnings": ["context of report is near its budget"]}""");
        gateway.answer("GET /api/v1/storage/usage", 200, """
                {"run_id": null, "objects": 2, "stored_bytes": 400000, "original_bytes": 2097152, "compression_ratio": 5.2,
                 "bucket": {"name": "spool-outputs", "lifecycle_supported": true, "retention_days": 31, "last_sweep": null}}""");

        assertThat(terminal.run("metrics", RUN_ID)).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("records            8").contains("truncated          1 (13%)")
                .contains("warning: context of report is near its budget");
        assertThat(terminal.run("storage")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("objects            2").contains("compression        5.2x")
                .contains("spool-outputs, retention 31 days, lifecycle rule set");
    }

    @Test
    void pruneDryRunSaysWhatItWouldRemove() {
        gateway.answer("POST /api/v1/runs/" + RUN_ID + "/prune?dry_run=true", 200, """
                {"dry_run": true, "strategy": "keep_last", "keep_count": 2, "considered": 6, "kept": 4, "protected_outputs": 1,
                 "pruned": 2, "pruned_bytes": 2048, "objects_to_delete": 1,
                 "outputs": [{"task_id": "prepare", "attempt": 1, "output_type": "stdout", "kept_bytes": 1024, "relevance_score": 0.1}]}""");

        assertThat(terminal.run("prune", RUN_ID, "--dry-run")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("would prune 2 of 6 records (2.0 KiB) by keep_last").contains("1 protected").contains("prepare");
    }

    @Test
    void usageErrorsExitAsInvalidInputWithTheSynopsis() {
        assertThat(terminal.run("status")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(terminal.err()).contains("Missing required parameter").contains("Try: spool status --help");
        assertThat(terminal.run("launch")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(terminal.run("runs", "--limit", "0")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(terminal.run("runs", "--since", "yesterday")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(terminal.err()).contains("neither a time").contains("7d");
    }

    @Test
    void theTuiNeedsATerminal() {
        assertThat(terminal.run("tui")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(terminal.err()).contains("needs a terminal");
    }

    @Test
    void completionScriptsAreWrittenForBashAndZsh() {
        assertThat(terminal.run("completion", "bash")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("complete -F").contains("submit").contains("--follow");
        assertThat(terminal.run("completion", "zsh")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).startsWith("autoload -U +X compinit").contains("bashcompinit");
    }

    @Test
    void contextsAreSetUsedAndShown() {
        terminal.env.remove("SPOOL_GATEWAY");
        terminal.env.remove("SPOOL_TOKEN");
        terminal.env.put("SPOOL_CONFIG", home.resolve("config.yaml").toString());

        assertThat(terminal.run("config", "set-context", "canned", gateway.url(), "--token", "spool_ctx")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("(current)");
        assertThat(terminal.run("config", "set-context", "other", "https://spool.example.com")).isEqualTo(ExitCode.OK);
        assertThat(terminal.run("config", "use-context", "nope")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(terminal.run("config", "show")).isEqualTo(ExitCode.OK);
        assertThat(terminal.out()).contains("gateway          " + gateway.url() + "  from context canned").contains("token            from context canned");

        gateway.answer("GET /api/v1/runs", 200, "{\"runs\": [], \"next_cursor\": null}");
        assertThat(terminal.run("runs")).isEqualTo(ExitCode.OK);
        assertThat(gateway.authorizations).containsOnly("Bearer spool_ctx");
    }
}
