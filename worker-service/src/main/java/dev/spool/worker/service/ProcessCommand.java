package dev.spool.worker.service;

import dev.spool.contracts.TaskCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a task's command into the argv of the process that runs it. */
final class ProcessCommand {

    static final String SCRIPT_FILE = "script.sh";

    private ProcessCommand() {
    }

    /** @throws NoVariantForPlatform when a platform-specific command has nothing for {@code osName} */
    static List<String> argv(TaskCommand command, Path attemptDir, String osName) throws IOException {
        return switch (command) {
            case TaskCommand.Argv argv -> new ArrayList<>(argv.args());
            case TaskCommand.Shell shell -> List.of("sh", "-c", shell.commandLine());
            case TaskCommand.Script script -> {
                // A file rather than `sh -c`, so that a long script does not hit the kernel's argument size limit.
                Path file = attemptDir.resolve(SCRIPT_FILE);
                Files.writeString(file, script.source());
                yield List.of("sh", "-e", file.toString());
            }
            case TaskCommand.PlatformSpecific platform -> {
                TaskCommand variant = platform.forOs(osName);
                if (variant == null || variant instanceof TaskCommand.PlatformSpecific) {
                    throw new NoVariantForPlatform(osName);
                }
                yield argv(variant, attemptDir, osName);
            }
        };
    }

    static final class NoVariantForPlatform extends RuntimeException {
        NoVariantForPlatform(String osName) {
            super("platform_commands has no command for this worker's platform (" + osName + "): give "
                    + (osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows") ? "windows" : "unix")
                    + " or cross");
        }
    }
}
