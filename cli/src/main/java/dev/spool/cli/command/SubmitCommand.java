package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.client.Gateway;
import dev.spool.cli.follow.RunFollower;
import dev.spool.cli.follow.RunSummary;
import dev.spool.cli.workflow.WorkflowFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "submit", description = "Start a run of a workflow file; --follow shows its tasks live until it ends.")
public final class SubmitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The workflow, YAML or JSON.")
    Path file;

    @Option(names = {"-f", "--follow"}, description = "Show the run's tasks live, then its summary; exit with the run's outcome.")
    boolean follow;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Set a field before submitting, such as env.STAGE=prod or tasks.build.timeout=5m (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--cancel-on-interrupt", description = "With --follow: Ctrl-C cancels the run instead of detaching from it.")
    boolean cancelOnInterrupt;

    private final Session session;

    SubmitCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws InterruptedException {
        WorkflowFile workflow = WorkflowFile.read(file, overrides);
        JsonNode submitted;
        try {
            submitted = session.gateway().post("/api/v1/runs", workflow.body(), workflow.contentType());
        } catch (CliException e) {
            throw WorkflowErrors.inFile(e, workflow);
        }
        String runId = submitted.path("id").asText();
        if (!follow) {
            if (session.json()) {
                session.printJson(submitted);
            } else {
                session.out().println("submitted " + file.getFileName() + " as run " + runId);
                submitted.path("warnings").forEach(warning -> session.out().println(session.style().yellow("warning: ") + warning.asText()));
                session.hint("follow it: spool status " + runId + " --watch");
            }
            return ExitCode.OK;
        }
        if (!session.json()) {
            session.out().println("submitted " + file.getFileName() + " as run " + runId);
            submitted.path("warnings").forEach(warning -> session.out().println(session.style().yellow("warning: ") + warning.asText()));
        }
        return followToEnd(session, runId, cancelOnInterrupt);
    }

    /** Follows a run to its end, the summary after; Ctrl-C detaches (or cancels) and says how to come back. */
    static int followToEnd(Session session, String runId, boolean cancelOnInterrupt) throws InterruptedException {
        AtomicBoolean ended = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> {
            if (ended.get()) {
                return;
            }
            session.out().flush();
            if (cancelOnInterrupt) {
                try {
                    session.gateway().post(Gateway.path(RunIds.run(runId) + "/cancel", Gateway.query("reason", "interrupted in spool submit --follow")));
                    session.err().println("\ncancelled run " + runId + "; see it end: spool status " + runId + " --watch");
                } catch (CliException e) {
                    session.err().println("\ncould not cancel run " + runId + ": " + e.getMessage());
                }
            } else {
                session.err().println("\ndetached; run " + runId + " goes on. Re-attach: spool status " + runId + " --watch"
                        + "   cancel it: spool cancel " + runId);
            }
            session.err().flush();
        }, "spool-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            RunFollower follower = new RunFollower(session.gateway(), session.out(), session.style(), session.terminal().stdoutTty(),
                    session.json(), session.terminal().lines(), session.terminal().columns(), Clock.systemUTC());
            JsonNode run = follower.follow(runId);
            ended.set(true);
            if (session.json()) {
                session.printJson(run);
            } else {
                session.out().println();
                RunSummary.lines(run, session.style()).forEach(session.out()::println);
            }
            return ExitCode.ofRunStatus(run.path("status").asText());
        } finally {
            ended.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it says what became of the run.
            }
        }
    }
}
