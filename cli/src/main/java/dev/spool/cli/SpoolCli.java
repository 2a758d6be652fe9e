package dev.spool.cli;

import dev.spool.cli.command.CancelCommand;
import dev.spool.cli.command.CommandFactory;
import dev.spool.cli.command.CompletionCommand;
import dev.spool.cli.command.ConfigCommand;
import dev.spool.cli.command.ContextCommand;
import dev.spool.cli.command.ErrorPrinter;
import dev.spool.cli.command.GlobalOptions;
import dev.spool.cli.command.LogsCommand;
import dev.spool.cli.command.MetricsCommand;
import dev.spool.cli.command.OutputsCommand;
import dev.spool.cli.command.PauseCommand;
import dev.spool.cli.command.PruneCommand;
import dev.spool.cli.command.ResumeCommand;
import dev.spool.cli.command.RetryCommand;
import dev.spool.cli.command.RunsCommand;
import dev.spool.cli.command.Session;
import dev.spool.cli.command.StatusCommand;
import dev.spool.cli.command.StorageCommand;
import dev.spool.cli.command.SubmitCommand;
import dev.spool.cli.command.ValidateCommand;
import dev.spool.cli.tui.TuiCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spool}: the command line of Spool. */
@Command(name = "spool", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Submit and follow Spool runs, read their logs live, see their context and storage.",
        subcommands = {SubmitCommand.class, ValidateCommand.class, RunsCommand.class, StatusCommand.class, LogsCommand.class,
                CancelCommand.class, PauseCommand.class, ResumeCommand.class, RetryCommand.class, OutputsCommand.class,
                ContextCommand.class, MetricsCommand.class, StorageCommand.class, PruneCommand.class, TuiCommand.class,
                ConfigCommand.class, CompletionCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0    done; for a command that waits for a run, the run succeeded",
                "  1    the run failed",
                "  2    invalid input: usage, a missing file, a workflow the gateway refused",
                "  3    the run was cancelled",
                "  4    the gateway cannot be reached",
                "  5    the token was refused (missing, unknown, expired, or lacking the role)",
                "  6    no such run, task or output (or no output yet)",
                "  7    refused in the run's state (409) or by a quota (429); the gateway failed",
                "  130  interrupted (Ctrl-C); a followed run goes on"})
public final class SpoolCli implements Runnable {

    @Mixin
    GlobalOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(Terminal.system(), args));
    }

    /** Runs one command line in the terminal and answers its exit code; what the tests call. */
    public static int execute(Terminal terminal, String... args) {
        GlobalOptions options = new GlobalOptions();
        Session session = new Session(terminal, options);
        CommandLine line = commandLine(session);
        line.setOut(new java.io.PrintWriter(terminal.out(), true));
        line.setErr(new java.io.PrintWriter(terminal.err(), true));
        line.setExecutionExceptionHandler(new ErrorPrinter(session));
        line.setParameterExceptionHandler(new ErrorPrinter(session));
        return line.execute(args);
    }

    public static CommandLine commandLine(Session session) {
        CommandLine line = new CommandLine(SpoolCli.class, new CommandFactory(session));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setUsageHelpAutoWidth(true);
        return line;
    }
}
