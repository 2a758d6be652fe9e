package dev.spool.worker.service;

import dev.spool.worker.process.ProcTable;
import dev.spool.worker.sandbox.Containments;
import dev.spool.worker.process.ProcSample;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * At start, removes what a worker killed without warning (kill -9, an OOM kill) left in the same folder: its attempt
 * directories, and the processes still running in them, which live in their own sessions and so outlive it. Only
 * what belongs to an incarnation that is gone is touched; a process is killed only when its environment says it
 * runs for that directory's run, so a reused process id is never hit.
 */
@ApplicationScoped
public class LeftoverReaper {

    private static final Logger LOG = Logger.getLogger(LeftoverReaper.class);

    private final WorkerDirectory worker;
    private final ProcTable processes = new ProcTable();

    public LeftoverReaper(WorkerDirectory worker) {
        this.worker = worker;
    }

    void reap(@Observes @Priority(1) StartupEvent event) {
        int directories = 0;
        int groups = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(worker.root(), entry -> Files.isRegularFile(entry.resolve(AttemptDirectory.OWNER_FILE)))) {
            for (Path attempt : entries) {
                String[] owner = Files.readString(attempt.resolve(AttemptDirectory.OWNER_FILE)).trim().split(" ");
                if (owner.length != 2 || !worker.isGone(owner[0])) {
                    continue;
                }
                if (killGroup(attempt, owner[1])) {
                    groups++;
                }
                Path cgroup = attempt.resolve(AttemptDirectory.CGROUP_FILE);
                if (Files.isRegularFile(cgroup)) {
                    // Whatever left the group (setsid, a double fork) is still in the attempt's cgroup.
                    Containments.reap(Path.of(Files.readString(cgroup).trim()));
                }
                delete(attempt);
                directories++;
                worker.forget(owner[0]);
            }
        } catch (IOException e) {
            LOG.warnf(e, "could not look for what an earlier worker left in %s", worker.root());
        }
        if (directories > 0) {
            LOG.infof("reaped %d attempt directories and %d process groups left by a worker that is gone", directories, groups);
        }
    }

    private boolean killGroup(Path attempt, String runId) throws IOException {
        Path groupFile = attempt.resolve(AttemptDirectory.GROUP_FILE);
        if (!Files.isRegularFile(groupFile) || !processes.available()) {
            return false;
        }
        long group = Long.parseLong(Files.readString(groupFile).trim());
        Map<Long, List<ProcSample>> members = processes.sample(Set.of(group));
        boolean ours = members.getOrDefault(group, List.of()).stream().anyMatch(process -> runsFor(process.pid(), runId));
        if (!ours) {
            return false;
        }
        try {
            new ProcessBuilder("kill", "-s", "KILL", "--", "-" + group).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private static boolean runsFor(long pid, String runId) {
        try {
            String environment = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
            return environment.contains("SPOOL_RUN_ID=" + runId + "\0") || environment.endsWith("SPOOL_RUN_ID=" + runId);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "cannot remove %s", directory);
        }
    }
}
