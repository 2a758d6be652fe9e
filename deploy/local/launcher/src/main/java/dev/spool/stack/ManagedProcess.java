package dev.spool.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One server or service of the stack, run as its own process group with its output in a log file and
 * its process id in a file, so that another invocation of the launcher can find and stop it.
 */
final class ManagedProcess {

    private final String name;
    private final Path pidFile;
    private final Path logFile;

    ManagedProcess(String name, StackConfig config) {
        this.name = name;
        this.pidFile = config.dir().resolve("run").resolve(name + ".pid");
        this.logFile = config.logs().resolve(name + ".log");
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    /** The running process, if its id file names one that is still alive. */
    Optional<ProcessHandle> running() {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts the command in a session of its own, so that neither Ctrl-C nor the launcher's exit stops it. */
    ProcessHandle start(List<String> command, Map<String, String> env, Path workDir) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(workDir);
            List<String> argv = new ArrayList<>();
            argv.add("setsid");
            argv.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return process.toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** SIGTERM to the whole process group, then SIGKILL if it is still there after the grace period. */
    boolean stop(Duration grace) {
        Optional<ProcessHandle> process = running();
        if (process.isEmpty()) {
            deletePidFile();
            return false;
        }
        long pid = process.get().pid();
        signalGroup("TERM", pid);
        Instant deadline = Instant.now().plus(grace);
        while (groupAlive(pid) && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(100));
        }
        if (groupAlive(pid)) {
            signalGroup("KILL", pid);
            sleep(Duration.ofMillis(200));
        }
        deletePidFile();
        return true;
    }

    private static boolean groupAlive(long pgid) {
        // `kill -0 -PGID` succeeds while any member of the group is alive.
        return run(List.of("kill", "-0", "--", "-" + pgid)) == 0 || ProcessHandle.of(pgid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void signalGroup(String signal, long pgid) {
        if (run(List.of("kill", "-" + signal, "--", "-" + pgid)) != 0) {
            ProcessHandle.of(pgid).ifPresent(signal.equals("KILL") ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        }
    }

    private static int run(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // A stale id file is harmless: running() checks that the process is alive.
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
