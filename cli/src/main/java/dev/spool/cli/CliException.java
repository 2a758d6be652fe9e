package dev.spool.cli;

import java.util.List;

/**
 * What went wrong, said for a person: what happened, where, and what to do. Printed without a stack trace, and
 * the process ends with {@link #exitCode()}.
 *
 * @param code a stable word for scripts, the gateway's error code where it gave one
 */
public class CliException extends RuntimeException {

    /** One problem of many, with where it is: a field path, and the line and column when the document has them. */
    public record Violation(String path, String message, Integer line, Integer column) {
    }

    private final int exitCode;
    private final String code;
    private final List<Violation> violations;

    public CliException(int exitCode, String code, String message) {
        this(exitCode, code, message, List.of());
    }

    public CliException(int exitCode, String code, String message, List<Violation> violations) {
        super(message);
        this.exitCode = exitCode;
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public int exitCode() {
        return exitCode;
    }

    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }

    public static CliException invalidInput(String message) {
        return new CliException(ExitCode.INVALID_INPUT, "invalid_input", message);
    }
}
