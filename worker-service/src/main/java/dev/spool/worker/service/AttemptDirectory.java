package dev.spool.worker.service;

import dev.spool.worker.sandbox.TaskUser;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An attempt's own folder: {@code work/} is the process's working directory, and the spool files and script sit
 * beside it, out of the task's way. The folder is removed when the attempt ends; a workflow can ask to keep
 * {@code work/} for a look afterwards.
 *
 * <p>When the task runs as a user of its own, {@code work/} is that user's and private to it (0700). The folder
 * itself stays the worker's, and only the task's own group may pass through it (0710), so no other task reaches what
 * the worker keeps in it (the spool files, the usage, the owner); the files made for the task (its script, its
 * context, its result) are handed to its user. A kept {@code work/} goes back to the worker when the attempt ends,
 * so that no later task, whatever its user, can read it.
 */
final class AttemptDirectory {

    private static final Logger LOG = Logger.getLogger(AttemptDirectory.class);

    /** Who made the directory (the worker's incarnation) and for which run, for a later worker to reap it if need be. */
    static final String OWNER_FILE = "owner";
    /** The process group of the attempt's process, once started. */
    static final String GROUP_FILE = "process-group";
    /** The cgroup the attempt runs in, when it has one. */
    static final String CGROUP_FILE = "cgroup";

    private final Path root;
    private final TaskUser user;

    AttemptDirectory(WorkerDirectory worker, UUID attemptId, UUID runId, TaskUser user) throws IOException {
        this.user = user;
        this.root = Files.createDirectories(worker.root().resolve(attemptId.toString()));
        if (user.own()) {
            // Only the attempt's own group may pass through to work/; nothing here can be listed, and no other task
            // reaches the spool files, whatever their modes.
            Files.setAttribute(root, "unix:gid", user.gid());
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x---"));
        } else {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        }
        Files.createDirectories(workingDirectory());
        Files.writeString(root.resolve(OWNER_FILE), worker.incarnation() + " " + runId);
        Files.setPosixFilePermissions(root.resolve(OWNER_FILE), PosixFilePermissions.fromString("rw-------"));
        handOver(workingDirectory(), "rwx------");
    }

    void started(long processGroup) {
        note(GROUP_FILE, Long.toString(processGroup));
    }

    void contained(Path cgroup) {
        note(CGROUP_FILE, cgroup.toString());
    }

    private void note(String file, String text) {
        try {
            Files.writeString(root.resolve(file), text);
            Files.setPosixFilePermissions(root.resolve(file), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            LOG.warnf(e, "cannot note the %s of attempt %s; a worker after a crash of this one could not reap it", file, root.getFileName());
        }
    }

    /** A file the worker wrote for the task (its script, its context), given to the task's user to read. */
    void handOver(Path file) throws IOException {
        handOver(file, "r--------");
    }

    /** An empty file the task writes (its result), its user's. */
    Path taskWritable(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        handOver(file, "rw-------");
        return file;
    }

    private void handOver(Path path, String permissions) throws IOException {
        if (!user.own()) {
            return;
        }
        Files.setAttribute(path, "unix:gid", user.gid());
        Files.setAttribute(path, "unix:uid", user.uid());
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    Path root() {
        return root;
    }

    Path workingDirectory() {
        return root.resolve("work");
    }

    void close(boolean keepWorkingDirectory) {
        if (keepWorkingDirectory && user.own()) {
            takeBack(root);
        }
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

    /** Everything under a kept attempt directory becomes the worker's, out of reach of the next task that gets the same user. */
    private static void takeBack(Path directory) {
        int uid = currentId("unix:uid");
        int gid = currentId("unix:gid");
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.toList()) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setAttribute(path, "unix:uid", uid);
                    Files.setAttribute(path, "unix:gid", gid);
                }
            }
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(directory.resolve("work"), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf(e, "cannot take back the kept directory %s from the task's user", directory);
        }
    }

    private static int currentId(String attribute) {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), attribute);
        } catch (IOException e) {
            return 0;
        }
    }
}
