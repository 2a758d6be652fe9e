package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.ExitCode;

/** A command that changes a run (cancel, pause, resume) and shows what became of it. */
final class RunAction {

    private RunAction() {
    }

    static int report(Session session, JsonNode run, String done) {
        if (session.json()) {
            session.printJson(run);
        } else {
            session.out().println(done + " run " + run.path("id").asText() + " (" + run.path("name").asText() + "): now "
                    + session.style().status(run.path("status").asText()));
        }
        return ExitCode.OK;
    }
}
