package dev.spool.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI runs in: its streams, whether each is a terminal, its environment and working directory. bin/spool
 * tells whether the streams are terminals ({@code -Dspool.tty.stdout=true}, from the shell's own {@code -t} test),
 * which Java cannot learn reliably by itself.
 *
 * @param checkout the checkout bin/spool lives in, or null when run otherwise
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, boolean stdinTty, boolean stdoutTty, boolean stderrTty,
                       Map<String, String> env, Path workingDir, Path checkout, String userHome) {

    public static Terminal system() {
        boolean console = System.console() != null;
        String home = System.getProperty("spool.home");
        return new Terminal(System.in, System.out, System.err, tty("stdin", console), tty("stdout", console), tty("stderr", console),
                System.getenv(), Path.of("").toAbsolutePath(), home == null || home.isBlank() ? null : Path.of(home),
                System.getProperty("user.home"));
    }

    private static boolean tty(String stream, boolean fallback) {
        String told = System.getProperty("spool.tty." + stream);
        return told == null ? fallback : Boolean.parseBoolean(told);
    }

    /** The terminal's width: {@code COLUMNS} when the shell exports it, else 120. */
    public int columns() {
        return dimension("COLUMNS", 120);
    }

    /** The terminal's height: {@code LINES} when the shell exports it, else 40. */
    public int lines() {
        return dimension("LINES", 40);
    }

    private int dimension(String name, int fallback) {
        try {
            int value = Integer.parseInt(env.getOrDefault(name, "").strip());
            return value > 0 ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
