package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spool.cli.Terminal;
import dev.spool.cli.client.Gateway;
import dev.spool.cli.config.TargetResolver;
import dev.spool.cli.render.Style;

import java.io.PrintStream;

/**
 * What a command works with: the terminal, the global options, and the gateway they point at (resolved when first
 * used, so that {@code spool completion} and {@code spool config} need no gateway).
 */
public final class Session {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Terminal terminal;
    private final GlobalOptions options;
    private Gateway gateway;

    public Session(Terminal terminal, GlobalOptions options) {
        this.terminal = terminal;
        this.options = options;
    }

    public Terminal terminal() {
        return terminal;
    }

    public GlobalOptions options() {
        return options;
    }

    public synchronized Gateway gateway() {
        if (gateway == null) {
            gateway = new Gateway(resolver().resolve(options.gateway, options.token, options.context));
        }
        return gateway;
    }

    public TargetResolver resolver() {
        return new TargetResolver(terminal.env(), terminal.workingDir(), terminal.checkout(), terminal.userHome());
    }

    public boolean json() {
        return options.output == GlobalOptions.Format.json;
    }

    /** The style for stdout: colours only on a terminal, never in JSON. */
    public Style style() {
        return Style.forTerminal(terminal.stdoutTty() && !json(), options.noColour, terminal.env());
    }

    public Style errStyle() {
        return Style.forTerminal(terminal.stderrTty(), options.noColour, terminal.env());
    }

    public PrintStream out() {
        return terminal.out();
    }

    public PrintStream err() {
        return terminal.err();
    }

    /** A JSON answer as scripts read it: the gateway's document, indented, on one stream. */
    public void printJson(JsonNode node) {
        try {
            out().println(PRETTY.writeValueAsString(node));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        out().flush();
    }

    /** A remark for a person on stderr, which a pipe of stdout does not catch; only on a terminal. */
    public void hint(String text) {
        if (terminal.stderrTty() && !json()) {
            err().println(errStyle().dim(text));
        }
    }
}
