package dev.spool.cli;

/**
 * The exit codes of {@code spool}, documented in the README: scripts branch on them, so a code never changes meaning.
 */
public final class ExitCode {

    /** The command did what was asked; for a command that waits for a run, the run succeeded. */
    public static final int OK = 0;
    /** The run failed (a task ended FAILED, TIMED_OUT, LOST, ...). */
    public static final int RUN_FAILED = 1;
    /** Invalid input: a usage error, a file that does not exist, a workflow the gateway refused. */
    public static final int INVALID_INPUT = 2;
    /** The run was cancelled. */
    public static final int RUN_CANCELLED = 3;
    /** The gateway cannot be reached at its address. */
    public static final int UNREACHABLE = 4;
    /** The gateway refused the token: missing, unknown, expired, or without the role the command needs. */
    public static final int UNAUTHORIZED = 5;
    /** No such run, task or output (or no output yet). */
    public static final int NOT_FOUND = 6;
    /** The gateway refused the request in the run's current state (409), a quota (429), or failed itself (5xx). */
    public static final int REFUSED = 7;
    /** Interrupted (Ctrl-C): a followed run goes on, detached. 128 + SIGINT, as a shell reports it. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }

    /** The code of a command that waited for a run to end, from the run's status. */
    public static int ofRunStatus(String status) {
        return switch (status) {
            case "SUCCEEDED" -> OK;
            case "CANCELLED" -> RUN_CANCELLED;
            case "FAILED" -> RUN_FAILED;
            default -> OK;
        };
    }
}
