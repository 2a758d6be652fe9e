package dev.spool.worker.service;

import dev.spool.contracts.TaskCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a task's command into the argv of the process that runs it. */
final class ProcessCommand {

    private ProcessCommand() {
    }

    static List<String> argv(TaskCommand command, Path attemptDir) throws IOException {
        return switch (command) {
            case TaskCommand.Argv argv -> new ArrayList<>(argv.args());
            case TaskCommand.Shell shell -> List.of("sh", "-c", shell.commandLine());
            case TaskCommand.Script script -> {
                // A file rather than `sh -c`, so that a long script does not hit the kernel's argument size limit.
                Path file = attemptDir.resolve("script.sh");
                Files.writeString(file, script.source());
                yield List.of("sh", "-e", file.toString());
            }
        };
    }
}
