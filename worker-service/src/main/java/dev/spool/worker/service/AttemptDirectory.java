package dev.spool.worker.service;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An attempt's own folder: {@code work/} is the process's working directory, and the spool files and
 * script sit beside it, out of the task's way. The folder is removed when the attempt ends; a workflow can ask
 * to keep {@code work/} for a look afterwards.
 */
final class AttemptDirectory {

    private static final Logger LOG = Logger.getLogger(AttemptDirectory.class);

    /** Who made the directory (the worker's incarnation) and for which run, for a later worker to reap it if need be. */
    static final String OWNER_FILE = "owner";
    /** The process group of the attempt's process, once started. */
    static final String GROUP_FILE = "process-group";

    private final Path root;

    AttemptDirectory(WorkerDirectory worker, UUID attemptId, UUID runId) throws IOException {
        this.root = Files.createDirectories(worker.root().resolve(attemptId.toString()));
        Files.createDirectories(workingDirectory());
        Files.writeString(root.resolve(OWNER_FILE), worker.incarnation() + " " + runId);
    }

    void started(long processGroup) {
        try {
            Files.writeString(root.resolve(GROUP_FILE), Long.toString(processGroup));
        } catch (IOException e) {
            LOG.warnf(e, "cannot note the process group of attempt %s; a worker after a crash of this one could not reap it",
                    root.getFileName());
        }
    }

    Path root() {
        return root;
    }

    Path workingDirectory() {
        return root.resolve("work");
    }

    void close(boolean keepWorkingDirectory) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(path -> !keepWorkingDirectory || !path.startsWith(workingDirectory()))
                    .filter(path -> !keepWorkingDirectory || !path.equals(root))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf(e, "cannot remove attempt directory %s", root);
        }
        if (keepWorkingDirectory) {
            LOG.infof("kept the working directory of attempt %s at %s", root.getFileName(), workingDirectory());
        }
    }
}
