package dev.spool.worker.sandbox;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One cgroup v2 per attempt. The task's first process writes itself into it before it starts anything, and every
 * process it starts is born inside, wherever it moves in the process tree; only a privileged process could leave.
 * {@code cgroup.kill} stops them all at once, with no window for a fork to slip through.
 */
public final class CgroupContainment implements Containment {

    private static final Logger LOG = Logger.getLogger(CgroupContainment.class);
    private static final long WAIT_MILLIS = 2_000;

    private final Path cgroup;

    CgroupContainment(Path cgroup) {
        this.cgroup = cgroup;
    }

    public Path path() {
        return cgroup;
    }

    @Override
    public String method() {
        return "cgroup";
    }

    @Override
    public List<String> enter(List<String> argv) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", cgroup.toString()));
        wrapped.addAll(argv);
        return wrapped;
    }

    @Override
    public Set<Long> members() {
        return members(cgroup);
    }

    static Set<Long> members(Path cgroup) {
        Set<Long> pids = new HashSet<>();
        try {
            for (String line : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone already, or not yet made: nothing inside.
        }
        return pids;
    }

    /** Whether a process is in the cgroup or below it ({@code populated 1} in cgroup.events); unreadable counts as yes. */
    static boolean populated(Path cgroup) {
        try {
            return Files.readAllLines(cgroup.resolve("cgroup.events")).stream().noneMatch(line -> line.equals("populated 0"));
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public int stopAll() {
        return stopAll(cgroup);
    }

    static int stopAll(Path cgroup) {
        int inside = members(cgroup).size();
        if (inside == 0) {
            return 0;
        }
        Path kill = cgroup.resolve("cgroup.kill");
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        try {
            do {
                if (Files.exists(kill)) {
                    Files.writeString(kill, "1");
                } else {
                    // Kernels before 5.14 have no cgroup.kill: each process is killed in turn, until none is left.
                    for (long pid : members(cgroup)) {
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                if (members(cgroup).isEmpty()) {
                    break;
                }
                Thread.sleep(10);
            } while (System.nanoTime() < deadline);
        } catch (IOException e) {
            LOG.warnf(e, "cannot stop the processes left in %s", cgroup);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return inside;
    }

    @Override
    public void close() {
        remove(cgroup);
    }

    static void remove(Path cgroup) {
        try {
            Files.deleteIfExists(cgroup);
        } catch (IOException e) {
            LOG.warnf("cannot remove the cgroup %s: %s", cgroup, e.getMessage());
        }
    }
}
