package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.ExitCode;
import dev.spool.cli.follow.RunTable;
import dev.spool.cli.render.StatusKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "status", description = "A run and its tasks; --watch follows it to its end. Exits with the run's outcome once it has ended.")
public final class StatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Option(names = {"-w", "--watch"}, description = "Follow the run live until it ends (Ctrl-C stops watching; the run goes on).")
    boolean watch;

    private final Session session;

    StatusCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (watch) {
            return SubmitCommand.followToEnd(session, runId, false);
        }
        JsonNode run = session.gateway().get(RunIds.run(runId));
        if (session.json()) {
            session.printJson(run);
        } else {
            Instant now = Instant.now();
            session.out().println(RunTable.header(run, now, session.style()));
            run.path("warnings").forEach(warning -> session.out().println(session.style().yellow("warning: ") + warning.asText()));
            RunTable.lines(run, now, session.style(), Integer.MAX_VALUE).forEach(session.out()::println);
        }
        String status = run.path("status").asText();
        return StatusKind.runEnded(status) ? ExitCode.ofRunStatus(status) : ExitCode.OK;
    }
}
