package dev.spool.worker.sandbox;

import dev.spool.worker.config.WorkerConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Hands each attempt a user and a group of its own for as long as it runs, from a pool of one of each per slot, so
 * that no two running attempts share either and none shares the worker's: their directories are private and one
 * cannot signal another. A user goes back to the pool only once none of its processes is left. The switch is made by
 * util-linux {@code setpriv}. The worker must be root, or hold CAP_SETUID, CAP_SETGID (it or setpriv), CAP_CHOWN,
 * CAP_FOWNER, CAP_DAC_OVERRIDE and CAP_KILL: to switch, to hand each attempt its directory, to take kept ones back and
 * remove them, and to stop what the task left.
 */
@Singleton
@Startup
public class TaskUsers {

    private static final Logger LOG = Logger.getLogger(TaskUsers.class);

    private final Path setpriv;
    private final int firstUid;
    private final int firstGid;
    private final Deque<Integer> free = new ArrayDeque<>();

    public TaskUsers(WorkerConfig config) {
        WorkerConfig.TaskUser wanted = config.taskUser();
        Path tool = findSetpriv();
        String cannot = wanted.mode() == WorkerConfig.TaskUser.Mode.OFF ? null
                : tool == null ? "util-linux setpriv is not installed"
                : !canSwitchUsers(tool, wanted.uid(), wanted.gid().orElse(wanted.uid())) ? "the worker (uid " + currentUid() + ") cannot switch to uid " + wanted.uid()
                        + ": it is not root, and neither it nor setpriv holds CAP_SETUID and CAP_SETGID"
                : !canHandOverFiles(config.workDir(), wanted.uid(), wanted.gid().orElse(wanted.uid())) ? "the worker (uid " + currentUid()
                        + ") cannot give a directory to uid " + wanted.uid() + ": it is not root and lacks CAP_CHOWN" : null;
        if (cannot != null && wanted.mode() == WorkerConfig.TaskUser.Mode.REQUIRED) {
            throw new IllegalStateException("spool.worker.task-user.mode=required, but tasks cannot run as users of their own: " + cannot
                    + ". Run the worker as root, or with CAP_SETUID, CAP_SETGID, CAP_CHOWN, CAP_FOWNER, CAP_DAC_OVERRIDE and CAP_KILL, with setpriv installed");
        }
        boolean switching = wanted.mode() != WorkerConfig.TaskUser.Mode.OFF && cannot == null;
        this.setpriv = switching ? tool : null;
        this.firstUid = wanted.uid();
        this.firstGid = wanted.gid().orElse(wanted.uid());
        if (switching) {
            for (int slot = 0; slot < config.maxParallel(); slot++) {
                free.add(slot);
            }
            LOG.infof("tasks run as users of their own, with no new privileges: uids %d to %d, gids %d to %d",
                    firstUid, firstUid + config.maxParallel() - 1, firstGid, firstGid + config.maxParallel() - 1);
        } else if (wanted.mode() == WorkerConfig.TaskUser.Mode.OFF) {
            LOG.warn("tasks run as the worker's own user (spool.worker.task-user.mode=off): they can read each other's files and the worker's");
        } else {
            LOG.warnf("tasks run as the worker's own user, because %s: they can read each other's files and the worker's. "
                    + "Run the worker as root, or with CAP_SETUID, CAP_SETGID, CAP_CHOWN, CAP_FOWNER, CAP_DAC_OVERRIDE and CAP_KILL, "
                    + "for each task to run as a user of its own", cannot);
        }
    }

    public boolean switching() {
        return setpriv != null;
    }

    /** A user for an attempt about to start; the worker's own when users are not switched. */
    public synchronized TaskUser acquire() {
        if (setpriv == null) {
            return TaskUser.WORKER;
        }
        Integer slot = free.poll();
        if (slot == null) {
            // More attempts than slots cannot run here; a bug elsewhere must not put two attempts under one user.
            throw new IllegalStateException("no task user is free: more attempts are running than spool.worker.max-parallel");
        }
        return new TaskUser(firstUid + slot, firstGid + slot);
    }

    /** Gives a user back once none of its processes is left. */
    public synchronized void release(TaskUser user) {
        if (user.own()) {
            free.add(user.uid() - firstUid);
        }
    }

    /** The task's argv, run as the user. */
    public List<String> runAs(TaskUser user, List<String> argv) {
        if (!user.own()) {
            return argv;
        }
        List<String> wrapped = new java.util.ArrayList<>(List.of(setpriv.toString(), "--reuid=" + user.uid(), "--regid=" + user.gid(),
                "--clear-groups", "--no-new-privs", "--"));
        wrapped.addAll(argv);
        return wrapped;
    }

    private static Path findSetpriv() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, "setpriv");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Tried once at start, as a task would be run: whether by root, by the worker's capabilities, or by file
     * capabilities given to setpriv in an image whose worker is not root, it either works or it does not.
     */
    private static boolean canSwitchUsers(Path setpriv, int uid, int gid) {
        try {
            Process probe = new ProcessBuilder(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean canHandOverFiles(Path workDir, int uid, int gid) {
        Path probe = null;
        try {
            Files.createDirectories(workDir);
            probe = Files.createTempFile(workDir, ".task-user-probe", "");
            Files.setAttribute(probe, "unix:gid", gid);
            Files.setAttribute(probe, "unix:uid", uid);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // A probe of no bytes left behind; the next start makes another.
                }
            }
        }
    }

    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
