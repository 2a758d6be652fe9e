package dev.spool.cli.command;

import dev.spool.cli.CliException;
import dev.spool.cli.workflow.WorkflowFile;

/** The gateway's refusal of a workflow, said about the file it came from. */
final class WorkflowErrors {

    private WorkflowErrors() {
    }

    static CliException inFile(CliException e, WorkflowFile workflow) {
        if (e.violations().isEmpty() && !e.code().startsWith("invalid_workflow") && !e.code().equals("workflow_too_large")) {
            return e;
        }
        String lines = workflow.rewritten() ? " (lines are of the document after --set)" : "";
        return new CliException(e.exitCode(), e.code(), workflow.path() + ": " + e.getMessage() + lines, e.violations());
    }
}
