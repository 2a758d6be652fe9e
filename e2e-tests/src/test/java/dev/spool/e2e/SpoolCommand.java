package dev.spool.e2e;

import dev.spool.stack.StackSecrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/spool} of the checkout, run as a user runs it, against the end-to-end stack: its gateway and admin token
 * through {@code SPOOL_GATEWAY} and {@code SPOOL_TOKEN}, and a home of its own, so that no configuration of the machine's
 * user reaches it.
 */
final class SpoolCommand {

    record Result(int exitCode, String out, String err) {
    }

    private final SpoolStack spool;
    final Path home;

    SpoolCommand(SpoolStack spool) {
        this.spool = spool;
        try {
            this.home = Files.createTempDirectory(spool.config.dir(), "cli-home");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Path launcher() {
        return spool.config.home().resolve("bin/spool");
    }

    /** The environment the command runs in; {@code overrides} may replace or (with a null value) remove any of it. */
    Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("SPOOL_") || name.equals("NO_COLOR") || name.startsWith("QUARKUS_"));
        env.put("HOME", home.toString());
        env.put("SPOOL_GATEWAY", spool.gateway());
        env.put("SPOOL_TOKEN", StackSecrets.adminToken(spool.config.dir()));
        overrides.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        return env;
    }

    Result run(String... args) {
        return run(Map.of(), Duration.ofMinutes(3), args);
    }

    Result run(Map<String, String> env, Duration timeout, String... args) {
        ProcessBuilder builder = builder(env, args);
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("spool " + String.join(" ", args) + " did not end within " + timeout + "; it printed: "
                        + Files.readString(out) + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + builder.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the command and hands back its process, its stdout to read as it comes. */
    Process start(String... args) throws IOException {
        return start(ProcessBuilder.Redirect.INHERIT, args);
    }

    Process start(ProcessBuilder.Redirect stderr, String... args) throws IOException {
        return builder(Map.of(), args).redirectError(stderr).start();
    }

    private ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        // A build started in the background (nohup, a CI runner) inherits SIGINT ignored, exec keeps it so, and the
        // JVM then installs no handler: the Ctrl-C tests would send a signal that nothing hears. A terminal's
        // Ctrl-C reaches spool with the default disposition, which is what env restores here.
        command.addAll(List.of("/usr/bin/env", "--default-signal=INT"));
        command.add(launcher().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(env));
        return builder;
    }

    Path file(String name, String content) {
        try {
            return Files.writeString(home.resolve(name), content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
