package dev.spool.cli.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.cli.render.Style;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN = """
            {"id": "7c2b0000-0000-0000-0000-000000000001", "name": "hello-dag", "status": "RUNNING",
             "created_at": "2026-12-06T10:00:00Z", "finished_at": null, "warnings": [],
             "tasks": [
               {"id": "prepare", "status": "SUCCEEDED", "attempt": 1, "exit_code": 0, "depends_on": [],
                "started_at": "2026-12-06T10:00:01Z", "finished_at": "2026-12-06T10:00:02Z",
                "outputs": {"stdout": {"original_bytes": 23, "kept_bytes": 23, "truncated": false}}},
               {"id": "big-output", "status": "RUNNING", "attempt": 2, "depends_on": ["prepare"],
                "started_at": "2026-12-06T10:00:02Z", "progress": {"stdout_bytes": 3145728, "stdout_lines": 120000, "stderr_bytes": 0, "stderr_lines": 0}},
               {"id": "flaky-check", "status": "FAILED", "attempt": 1, "exit_code": 3, "depends_on": ["prepare"],
                "status_reason": "failed with exit code 3", "started_at": "2026-12-06T10:00:02Z", "finished_at": "2026-12-06T10:00:03Z"},
               {"id": "report", "status": "PENDING", "attempt": 0, "depends_on": ["big-output", "flaky-check"]}
             ]}
            """;

    static JsonNode run() throws Exception {
        return JSON.readTree(RUN);
    }

    @Test
    void aRunningTaskShowsWhatItsHeartbeatsSaidItPrinted() throws Exception {
        List<String> lines = RunTable.lines(run(), Instant.parse("2026-12-06T10:00:12Z"), Style.PLAIN, 100);

        assertThat(lines.get(0)).startsWith("TASK").contains("STATUS", "ATTEMPT", "DURATION", "PROGRESS", "DEPENDS ON");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("big-output").contains("RUNNING", "2", "10s",
                "out 3.0 MiB / 120.0k lines", "prepare"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("report").contains("PENDING", "big-output, flaky-check"));
    }

    @Test
    void aFailedTaskSaysWhyOnTheLineUnderIt() throws Exception {
        List<String> lines = RunTable.lines(run(), Instant.parse("2026-12-06T10:00:12Z"), Style.PLAIN, 100);

        int failed = lines.indexOf(lines.stream().filter(line -> line.startsWith("flaky-check")).findFirst().orElseThrow());
        assertThat(lines.get(failed + 1).strip()).isEqualTo("why: failed with exit code 3");
    }

    @Test
    void theHeaderCountsTasksByStatus() throws Exception {
        assertThat(RunTable.header(run(), Instant.parse("2026-12-06T10:00:12Z"), Style.PLAIN))
                .isEqualTo("run hello-dag 7c2b0000-0000-0000-0000-000000000001  RUNNING  12s" + System.lineSeparator()
                        + "4 tasks: 1 RUNNING, 1 FAILED, 1 PENDING, 1 SUCCEEDED");
    }

    @Test
    void aRunTooLongForTheScreenShowsRunningAndFailedTasksFirstAndCountsTheRest() throws Exception {
        ObjectNode run = (ObjectNode) run();
        ArrayNode tasks = (ArrayNode) run.get("tasks");
        for (int i = 0; i < 2000; i++) {
            tasks.addObject().put("id", "leaf-" + i).put("status", "SUCCEEDED").put("attempt", 1);
        }

        List<String> lines = RunTable.lines(run, Instant.parse("2026-12-06T10:00:12Z"), Style.PLAIN, 10);

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("big-output"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("flaky-check"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("… and 1994 more: 1994 SUCCEEDED");
    }

    @Test
    void theSummarySaysWhatWentWrongAndWhereItsOutputIs() throws Exception {
        ObjectNode run = (ObjectNode) run();
        run.put("status", "FAILED").put("finished_at", "2026-12-06T10:00:06.500Z");

        List<String> lines = RunSummary.lines(run, Style.PLAIN);

        assertThat(lines.get(0)).startsWith("run hello-dag FAILED in 6.5s");
        assertThat(lines).contains("  FAILED flaky-check: failed with exit code 3");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("its output: spool logs 7c2b0000-0000-0000-0000-000000000001 flaky-check --stream stderr");
    }
}
