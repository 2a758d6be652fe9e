package dev.spool.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.render.Style;
import picocli.CommandLine;

import java.io.PrintStream;

/**
 * Prints what went wrong on stderr, as a sentence (or as JSON with {@code -o json}), never a stack trace
 * ({@code SPOOL_DEBUG=1} adds it), and answers the documented exit code.
 */
public final class ErrorPrinter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Session session;

    public ErrorPrinter(Session session) {
        this.session = session;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
        CliException error = e instanceof CliException known ? known
                : new CliException(ExitCode.REFUSED, "unexpected", "unexpected error: " + (e.getMessage() == null ? "no detail" : e.getMessage())
                + "; run it again with SPOOL_DEBUG=1 for the details, and report it");
        if ("1".equals(session.terminal().env().get("SPOOL_DEBUG"))) {
            e.printStackTrace(session.err());
        }
        print(error, null);
        return error.exitCode();
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        print(new CliException(ExitCode.INVALID_INPUT, "usage", e.getMessage()), line);
        return ExitCode.INVALID_INPUT;
    }

    /** The error, and for a usage error the command's synopsis and where its help is. */
    public void print(CliException error, CommandLine line) {
        PrintStream err = session.err();
        if (session.json()) {
            ObjectNode node = JSON.createObjectNode().put("error", error.code()).put("message", error.getMessage()).put("exit_code", error.exitCode());
            ArrayNode violations = node.putArray("violations");
            error.violations().forEach(violation -> {
                ObjectNode item = violations.addObject().put("path", violation.path()).put("message", violation.message());
                if (violation.line() != null) {
                    item.put("line", violation.line());
                }
                if (violation.column() != null) {
                    item.put("column", violation.column());
                }
            });
            err.println(node);
            err.flush();
            return;
        }
        Style style = session.errStyle();
        err.println(style.red("error: ") + error.getMessage());
        // A single problem is often in the message already.
        if (error.violations().size() > 1 || (error.violations().size() == 1 && !error.getMessage().contains(error.violations().get(0).message()))) {
            error.violations().forEach(violation -> err.println("  " + where(violation) + violation.message()));
        }
        if (line != null) {
            err.print(line.getHelp().synopsis(0));
            err.println("Try: " + line.getCommandSpec().qualifiedName() + " --help");
        }
        err.flush();
    }

    private static String where(CliException.Violation violation) {
        StringBuilder where = new StringBuilder();
        if (violation.line() != null) {
            where.append("line ").append(violation.line());
            if (violation.column() != null) {
                where.append(", column ").append(violation.column());
            }
            where.append(": ");
        }
        if (violation.path() != null && !violation.path().isBlank()) {
            where.append(violation.path()).append(": ");
        }
        return where.toString();
    }
}
