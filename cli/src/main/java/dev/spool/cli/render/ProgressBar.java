package dev.spool.cli.render;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * One line on a terminal that redraws itself (a download, a wait), at most ten times a second; on anything that
 * is not a terminal it prints nothing at all, so piped output stays clean.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final Duration EVERY = Duration.ofMillis(100);

    private final PrintStream out;
    private final boolean enabled;
    private final String label;
    private final long total;
    private Instant drawn = Instant.EPOCH;
    private boolean shown;

    /** @param total what the bar fills up to, or a negative number when unknown (then it counts without a bar) */
    public ProgressBar(PrintStream out, boolean terminal, String label, long total) {
        this.out = out;
        this.enabled = terminal;
        this.label = label;
        this.total = total;
    }

    public void bytes(long done) {
        update(done, Units.bytes(done) + (total > 0 ? " of " + Units.bytes(total) : ""));
    }

    public void update(long done, String text) {
        if (!enabled) {
            return;
        }
        Instant now = Instant.now();
        if (Duration.between(drawn, now).compareTo(EVERY) < 0) {
            return;
        }
        drawn = now;
        out.print("\r\u001b[2K" + render(label, done, total, text));
        out.flush();
        shown = true;
    }

    static String render(String label, long done, long total, String text) {
        if (total <= 0) {
            return label + " " + text;
        }
        int filled = (int) Math.min(WIDTH, WIDTH * Math.max(0, done) / total);
        return label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + Math.min(100, 100 * done / total) + "% " + text;
    }

    @Override
    public void close() {
        if (enabled && shown) {
            out.print("\r\u001b[2K");
            out.flush();
        }
    }
}
