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
        String checkout = System.getProperty("spool.home");
        // $HOME, as every command line honours it; Java's user.home is the passwd entry's, whatever HOME says.
        String home = System.getenv("HOME");
        return new Terminal(System.in, System.out, System.err, tty("stdin", console), tty("stdout", console), tty("stderr", console),
                System.getenv(), Path.of("").toAbsolutePath(), checkout == null || checkout.isBlank() ? null : Path.of(checkout),
                home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    private static boolean tty(String stream, boolean fallback) {
        String told = System.getProperty("spool.tty." + stream);
        return told == null ? fallback : Boolean.parseBoolean(told);
    }

    /** The terminal's width, as bin/spool read it ({@code -Dspool.tty.columns}), else {@code COLUMNS}, else 120. */
    public int columns() {
        return dimension("columns", "COLUMNS", 120);
    }

    /** The terminal's height, as bin/spool read it, else {@code LINES}, else 40. */
    public int lines() {
        return dimension("lines", "LINES", 40);
    }

    private int dimension(String property, String variable, int fallback) {
        for (String value : new String[]{System.getProperty("spool.tty." + property), env.get(variable)}) {
            try {
                int parsed = Integer.parseInt(value == null ? "" : value.strip());
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // The next source, or the fallback.
            }
        }
        return fallback;
    }
}
