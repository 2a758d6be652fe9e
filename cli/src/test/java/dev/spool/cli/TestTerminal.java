package dev.spool.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A terminal for tests: what the CLI prints is kept, its environment is the test's own. */
public final class TestTerminal {

    public final ByteArrayOutputStream out = new ByteArrayOutputStream();
    public final ByteArrayOutputStream err = new ByteArrayOutputStream();
    public final Map<String, String> env = new HashMap<>();
    public final Path home;
    public boolean tty;

    public TestTerminal(Path home) {
        this.home = home;
    }

    public Terminal terminal() {
        return new Terminal(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), tty, tty, tty, env, home, null, home.toString());
    }

    public int run(String... args) {
        out.reset();
        err.reset();
        return SpoolCli.execute(terminal(), args);
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
