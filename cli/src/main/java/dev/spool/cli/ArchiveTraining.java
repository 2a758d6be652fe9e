package dev.spool.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.cli.follow.RunSummary;
import dev.spool.cli.follow.RunTable;
import dev.spool.cli.render.Style;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What bin/spool runs once per JDK to write the CLI's class-data archive: the classes every command loads (the
 * command line, the configuration, an HTTP request and its error, JSON, the tables), so that each later start maps
 * them instead of loading them. It prints nothing and talks to no gateway.
 */
public final class ArchiveTraining {

    private static final String RUN = """
            {"id": "00000000-0000-0000-0000-000000000000", "name": "training", "status": "FAILED",
             "created_at": "2026-01-01T00:00:00Z", "finished_at": "2026-01-01T00:00:01Z", "warnings": [],
             "tasks": [{"id": "a", "status": "FAILED", "attempt": 1, "exit_code": 1, "depends_on": [], "status_reason": "failed",
                        "started_at": "2026-01-01T00:00:00Z", "finished_at": "2026-01-01T00:00:01Z",
                        "outputs": {"stdout": {"original_bytes": 1, "kept_bytes": 1, "truncated": false}},
                        "progress": {"stdout_bytes": 1, "stdout_lines": 1, "stderr_bytes": 0, "stderr_lines": 0}}]}
            """;

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        Path home = Path.of(System.getProperty("java.io.tmpdir"));
        Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), nowhere, nowhere, false, false, false,
                Map.of("SPOOL_CONFIG", home.resolve("spool-training-no-config.yaml").toString()), home, null, home.toString());
        // Port 1 refuses at once: the request, its failure and the error's printing, without a gateway.
        SpoolCli.execute(terminal, "status", "00000000-0000-0000-0000-000000000000", "--gateway", "http://127.0.0.1:1", "--token", "t");
        SpoolCli.execute(terminal, "-o", "json", "runs", "--gateway", "http://127.0.0.1:1");
        var run = new ObjectMapper().readTree(RUN);
        RunTable.lines(run, Instant.now(), new Style(true), 10).forEach(nowhere::println);
        RunSummary.lines(run, Style.PLAIN).forEach(nowhere::println);
        System.exit(0);
    }
}
