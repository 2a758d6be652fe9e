package dev.spool.cli.tui;

import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.command.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "tui", description = {"The terminal UI: runs, a run's tasks and their dependencies, live logs with search, context and outputs; ? shows the keys.",
        "Exports (e) are written to the working directory."})
public final class TuiCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "RUN", description = "A run to open at once.")
    String runId;

    private final Session session;

    TuiCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!session.terminal().stdinTty() || !session.terminal().stdoutTty()) {
            throw CliException.invalidInput("spool tui needs a terminal on stdin and stdout; for scripts use spool status, logs and runs (with -o json)");
        }
        // Fail before the screen opens, where the message can be read.
        session.gateway().get("/api/v1/runs?limit=1");
        if (runId != null) {
            session.gateway().get("/api/v1/runs/" + dev.spool.cli.client.Gateway.segment(runId) + "/status");
        }
        new TuiApp(session.gateway(), session.terminal().workingDir(), runId).run();
        return ExitCode.OK;
    }
}
