package dev.spool.worker.sandbox;

import dev.spool.worker.config.WorkerConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Chooses, once at start, how this worker contains its attempts, and makes each attempt's containment. A cgroup v2
 * is used where the worker may make one under its own (a writable cgroup2 mount: a root worker on a host, or a
 * container given one); elsewhere, the marker in /proc. The worker's cgroups live under one of its own, named
 * after its process and incarnation, so that a later worker can tell which a dead one left.
 */
@Singleton
@Startup
public class Containments {

    private static final Logger LOG = Logger.getLogger(Containments.class);
    static final String PREFIX = "spool-worker-";

    private final Path parent;

    public Containments(WorkerConfig config, dev.spool.worker.service.WorkerDirectory directory) {
        Optional<Path> own = config.containment() == WorkerConfig.ContainmentMethod.PROC_MARKER ? Optional.empty() : ownCgroup();
        own.ifPresent(Containments::removeLeftByTheDead);
        long pid = ProcessHandle.current().pid();
        Path made = own.map(base -> base.resolve(PREFIX + pid + "-" + directory.incarnation())).map(Containments::tryMake).orElse(null);
        if (made == null && config.containment() == WorkerConfig.ContainmentMethod.CGROUP) {
            throw new IllegalStateException("spool.worker.containment=cgroup, but no cgroup can be made here: "
                    + own.map(base -> base + " is not writable").orElse("no cgroup2 file system is mounted")
                    + ". Mount a writable cgroup2 for the worker, or use spool.worker.containment=auto");
        }
        this.parent = made;
        if (made != null) {
            LOG.infof("each attempt runs in a cgroup of its own under %s: whatever it starts is stopped when it ends", made);
        } else {
            LOG.infof("no cgroup can be made here (%s): each attempt's processes are found by their marker %s in /proc, "
                    + "and by their user, when it ends", own.map(base -> base + " is not writable").orElse("no cgroup2 mount"),
                    ProcMarkerContainment.MARKER);
        }
    }

    /** The containment of one attempt, made before it starts. */
    public Containment forAttempt(UUID attemptId, TaskUser user) {
        if (parent != null) {
            Path cgroup = tryMake(parent.resolve(attemptId.toString()));
            if (cgroup != null) {
                return new CgroupContainment(cgroup);
            }
        }
        return new ProcMarkerContainment(Path.of("/proc"), attemptId.toString(), user);
    }

    /** Stops and removes what a worker that is gone left in a cgroup of its, found in an attempt directory it left. */
    public static int reap(Path cgroup) {
        int stopped = CgroupContainment.stopAll(cgroup);
        CgroupContainment.remove(cgroup);
        Path incarnation = cgroup.getParent();
        if (incarnation != null && incarnation.getFileName().toString().startsWith(PREFIX)) {
            try (DirectoryStream<Path> left = Files.newDirectoryStream(incarnation, Files::isDirectory)) {
                if (!left.iterator().hasNext()) {
                    CgroupContainment.remove(incarnation);
                }
            } catch (IOException e) {
                // Gone already.
            }
        }
        return stopped;
    }

    @PreDestroy
    void close() {
        if (parent == null) {
            return;
        }
        try (DirectoryStream<Path> attempts = Files.newDirectoryStream(parent, Files::isDirectory)) {
            for (Path attempt : attempts) {
                CgroupContainment.stopAll(attempt);
                CgroupContainment.remove(attempt);
            }
        } catch (IOException e) {
            // Nothing left under it.
        }
        CgroupContainment.remove(parent);
    }

    /**
     * The cgroups of workers that died without removing theirs (kill -9, an OOM kill), once empty: named after their
     * process, they are left alone while a process of that id runs.
     */
    static void removeLeftByTheDead(Path base) {
        try (DirectoryStream<Path> workers = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path worker : workers) {
                String[] name = worker.getFileName().toString().substring(PREFIX.length()).split("-", 2);
                boolean alive;
                try {
                    alive = ProcessHandle.of(Long.parseLong(name[0])).map(ProcessHandle::isAlive).orElse(false);
                } catch (NumberFormatException olderName) {
                    alive = false;
                }
                if (alive || CgroupContainment.populated(worker)) {
                    continue;
                }
                try (DirectoryStream<Path> attempts = Files.newDirectoryStream(worker, Files::isDirectory)) {
                    attempts.forEach(CgroupContainment::remove);
                }
                CgroupContainment.remove(worker);
            }
        } catch (IOException | RuntimeException e) {
            // Not ours to list: nothing is removed.
        }
    }

    private static Path tryMake(Path cgroup) {
        try {
            Files.createDirectory(cgroup);
            return Files.isWritable(cgroup.resolve("cgroup.procs")) ? cgroup : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The cgroup this worker is in, on its cgroup2 mount: {@code 0::<path>} in /proc/self/cgroup, under the mount point. */
    static Optional<Path> ownCgroup() {
        try {
            Path mount = null;
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] halves = line.split(" - ", 2);
                if (halves.length == 2 && halves[1].startsWith("cgroup2 ")) {
                    mount = Path.of(halves[0].split(" ")[4]);
                    break;
                }
            }
            if (mount == null) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                if (line.startsWith("0::")) {
                    String own = line.substring(3);
                    return Optional.of(own.equals("/") ? mount : mount.resolve(own.substring(1)));
                }
            }
            return Optional.of(mount);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

}
