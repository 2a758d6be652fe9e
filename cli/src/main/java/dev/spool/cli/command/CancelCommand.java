package dev.spool.cli.command;

import dev.spool.cli.client.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "cancel", description = "Cancel a run: tasks not yet dispatched end at once, running ones are stopped (SIGTERM, then SIGKILL).")
public final class CancelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept with the run.")
    String reason;

    private final Session session;

    CancelCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        return RunAction.report(session, session.gateway().post(Gateway.path(RunIds.run(runId) + "/cancel", Gateway.query("reason", reason))),
                "cancelling");
    }
}
