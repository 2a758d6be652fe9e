package dev.spool.cli.command;

import dev.spool.cli.client.Gateway;

/** Paths of the gateway's API for a run and its tasks, with their segments encoded. */
final class RunIds {

    private RunIds() {
    }

    static String run(String runId) {
        return "/api/v1/runs/" + Gateway.segment(runId);
    }

    static String task(String runId, String taskId) {
        return run(runId) + "/tasks/" + Gateway.segment(taskId);
    }
}
