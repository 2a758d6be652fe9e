package dev.spool.worker.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /**
     * Finds out before launching whether {@code program} can be run, as a shell would look it up on {@code path}.
     * The process is started through wrappers (setsid, time, prlimit), which would report a missing program only
     * as their own failure; this keeps the message about the task's command.
     *
     * @return the failure, or null when the program can be run
     */
    static LaunchFailure check(String program, String path, Path workingDirectory) {
        if (program.contains("/")) {
            return checkFile(program, workingDirectory.resolve(program));
        }
        for (String dir : path.split(":")) {
            Path candidate = workingDirectory.resolve(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate)) {
                return checkFile(program, candidate);
            }
        }
        return new LaunchFailure(127, "command not found: " + program);
    }

    private static LaunchFailure checkFile(String program, Path file) {
        if (!Files.exists(file)) {
            return new LaunchFailure(127, "command not found: " + program);
        }
        if (Files.isDirectory(file) || !Files.isExecutable(file)) {
            return new LaunchFailure(126, "permission denied: " + program + " is not an executable file");
        }
        return null;
    }
}
