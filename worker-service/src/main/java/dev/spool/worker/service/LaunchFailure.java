package dev.spool.worker.service;

import java.io.IOException;

/**
 * A process that could not be started, told as a shell would: exit code 127 for a command that does not
 * exist, 126 for one that may not be executed.
 */
record LaunchFailure(int exitCode, String message) {

    static LaunchFailure of(String program, IOException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        // The JDK's wording differs between releases ("error=2, No such file..." and "error: 2 (No such file...)");
        // the operating system's own text is in both.
        if (reason.contains("No such file or directory")) {
            return new LaunchFailure(127, "command not found: " + program);
        }
        if (reason.contains("Permission denied")) {
            return new LaunchFailure(126, "permission denied: " + program);
        }
        return new LaunchFailure(126, "cannot start " + program + ": " + reason);
    }
}
