package dev.spool.worker.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An attempt's own folder: {@code work/} is the process's working directory, and the spool files and
 * script sit beside it, out of the task's way. The whole folder is removed when the attempt ends.
 */
final class AttemptDirectory implements AutoCloseable {

    private final Path root;

    AttemptDirectory(Path workerDir, UUID attemptId) throws IOException {
        this.root = Files.createDirectories(workerDir.resolve(attemptId.toString()));
        Files.createDirectories(workingDirectory());
    }

    Path root() {
        return root;
    }

    Path workingDirectory() {
        return root.resolve("work");
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove attempt directory " + root, e);
        }
    }
}
