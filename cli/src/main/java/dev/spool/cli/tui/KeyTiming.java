package dev.spool.cli.tui;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With {@code SPOOL_TUI_KEY_TIMES=FILE}, the time from each key's arrival to its frame being on the terminal, one
 * line of microseconds per key: what bench/cli reads. Without it, nothing.
 */
final class KeyTiming implements AutoCloseable {

    private final PrintWriter out;

    private KeyTiming(PrintWriter out) {
        this.out = out;
    }

    static KeyTiming fromEnvironment() {
        String file = System.getenv("SPOOL_TUI_KEY_TIMES");
        if (file == null || file.isBlank()) {
            return new KeyTiming(null);
        }
        try {
            return new KeyTiming(new PrintWriter(Files.newBufferedWriter(Path.of(file)), true));
        } catch (IOException e) {
            return new KeyTiming(null);
        }
    }

    void key(long receivedNanos) {
        if (out != null) {
            out.println((System.nanoTime() - receivedNanos) / 1000);
        }
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
