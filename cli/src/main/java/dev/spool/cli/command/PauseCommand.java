package dev.spool.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "pause", description = "Stop dispatching a run's tasks; those already running run to their end.")
public final class PauseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run's id.")
    String runId;

    private final Session session;

    PauseCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        return RunAction.report(session, session.gateway().post(RunIds.run(runId) + "/pause"), "paused");
    }
}
