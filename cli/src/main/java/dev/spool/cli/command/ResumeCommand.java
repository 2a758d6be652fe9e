package dev.spool.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "resume", description = "Dispatch a paused run's tasks again.")
public final class ResumeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run's id.")
    String runId;

    private final Session session;

    ResumeCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        return RunAction.report(session, session.gateway().post(RunIds.run(runId) + "/resume"), "resumed");
    }
}
