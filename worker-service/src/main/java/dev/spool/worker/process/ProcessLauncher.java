package dev.spool.worker.process;

import dev.spool.contracts.ResourceLimits;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Wraps a task's argv in the tools that control it: {@code setsid}, so the task and everything it starts form one
 * process group that a signal reaches whole; GNU {@code time}, for the tree's exact CPU and peak RSS; and
 * {@code prlimit}, for kernel limits. Each is used when the machine has it, and the worker says at start which.
 * Limits that the kernel cannot hold per tree (memory, process count) are held by the worker's watchdog.
 */
@Singleton
@Startup
public class ProcessLauncher {

    private static final Logger LOG = Logger.getLogger(ProcessLauncher.class);

    private final Path setsid;
    private final Path time;
    private final Path prlimit;
    private final Path kill;
    private final boolean procAvailable;

    public ProcessLauncher() {
        this.setsid = find("setsid");
        this.time = find("time");
        this.prlimit = find("prlimit");
        this.kill = find("kill");
        this.procAvailable = new ProcTable().available();
        LOG.infof("process control: process groups %s, exact CPU accounting %s, kernel limits %s, /proc watchdog %s",
                setsid != null && kill != null ? "by setsid" : "NOT available (only the direct child is signalled)",
                time != null ? "by GNU time" : "by sampling only",
                prlimit != null ? "by prlimit" : "NOT available",
                procAvailable ? "on" : "off");
    }

    private static Path find(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Processes of Spool's own in each task's group (the GNU time that waits for the task). */
    public int wrapperProcesses() {
        return time != null ? 1 : 0;
    }

    public boolean groupsProcesses() {
        return setsid != null && kill != null;
    }

    /** The full argv: control tools first, the task's own argv last. */
    public List<String> wrap(List<String> argv, ResourceLimits limits, Path usageFile) {
        List<String> wrapped = new ArrayList<>();
        if (groupsProcesses()) {
            wrapped.add(setsid.toString());
        }
        if (time != null && usageFile != null) {
            wrapped.addAll(List.of(time.toString(), "-q", "-f", "%e %U %S %M", "-o", usageFile.toString()));
        }
        List<String> rlimits = rlimits(limits);
        if (prlimit != null && !rlimits.isEmpty()) {
            wrapped.add(prlimit.toString());
            wrapped.addAll(rlimits);
            wrapped.add("--");
        }
        wrapped.addAll(argv);
        return wrapped;
    }

    private static List<String> rlimits(ResourceLimits limits) {
        List<String> options = new ArrayList<>();
        if (limits.maxOpenFiles() != null) {
            options.add("--nofile=" + limits.maxOpenFiles() + ":" + limits.maxOpenFiles());
        }
        if (limits.maxCpuSeconds() != null && limits.killOnExceed()) {
            // The kernel sends SIGXCPU at the soft limit and SIGKILL a second later, per process.
            options.add("--cpu=" + limits.maxCpuSeconds() + ":" + (limits.maxCpuSeconds() + 1));
        }
        return options;
    }

    /** How each of the attempt's limits is held, as the result records it. */
    public String enforcement(ResourceLimits limits) {
        StringJoiner held = new StringJoiner(", ");
        if (limits.maxMemoryMb() != null) {
            held.add("max_memory_mb=" + (procAvailable ? "watchdog" : "none"));
        }
        if (limits.maxCpuSeconds() != null) {
            held.add("max_cpu_seconds=" + (prlimit != null && limits.killOnExceed() ? "rlimit+watchdog" : procAvailable ? "watchdog" : "none"));
        }
        if (limits.maxOpenFiles() != null) {
            held.add("max_open_files=" + (prlimit != null ? "rlimit" : "none"));
        }
        if (limits.maxProcesses() != null) {
            held.add("max_processes=" + (procAvailable ? "watchdog" : "none"));
        }
        return held.length() == 0 ? null : held.toString();
    }

    /** Sends a signal to the whole group the task leads, or to its direct child when groups are not available. */
    public void signal(Process process, String signal) {
        if (!groupsProcesses()) {
            if ("KILL".equals(signal)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            } else {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
            return;
        }
        try {
            new ProcessBuilder(kill.toString(), "-s", signal, "--", "-" + process.pid())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            LOG.warnf(e, "could not signal process group %d", process.pid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The exact tree totals that GNU time wrote, or null when it did not (absent, or killed itself). */
    public static TimeReport readTimeReport(Path usageFile) {
        try {
            if (usageFile == null || !Files.exists(usageFile)) {
                return null;
            }
            List<String> lines = Files.readAllLines(usageFile);
            String[] fields = lines.get(lines.size() - 1).trim().split(" ");
            return new TimeReport(
                    Math.round(Double.parseDouble(fields[1]) * 1000),
                    Math.round(Double.parseDouble(fields[2]) * 1000),
                    Long.parseLong(fields[3]) * 1024);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPU of the whole tree as its processes were waited for, and the largest single process's peak RSS. */
    public record TimeReport(long userMillis, long systemMillis, long maxRssBytes) {
    }
}
