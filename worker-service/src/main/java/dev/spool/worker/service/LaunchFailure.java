package dev.spool.worker.service;

import java.io.IOException;

/**
 * A process that could not be started, told as a shell would: exit code 127 for a command that does not
 * exist, 126 for one that may not be executed.
 */
record LaunchFailure(int exitCode, String message) {

    static LaunchFailure of(String program, IOException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        if (reason.contains("error=2,")) {
            return new LaunchFailure(127, "command not found: " + program);
        }
        if (reason.contains("error=13,")) {
            return new LaunchFailure(126, "permission denied: " + program);
        }
        return new LaunchFailure(126, "cannot start " + program + ": " + reason);
    }
}
