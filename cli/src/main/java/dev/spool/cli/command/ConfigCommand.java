package dev.spool.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.config.ConfigFile;
import dev.spool.cli.config.Context;
import dev.spool.cli.config.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "config", description = "The contexts of ~/.config/spool/config.yaml: named gateways and their tokens.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.SetContext.class, ConfigCommand.UseContext.class})
public final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static ConfigFile file(Session session) {
        return ConfigFile.read(ConfigFile.location(session.terminal().env(), session.terminal().userHome()));
    }

    @Command(name = "show", description = "Which gateway and token a command would use, and where each comes from.")
    static final class Show implements Callable<Integer> {

        private final Session session;

        Show(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            ConfigFile config = file(session);
            Target target = session.gateway().target();
            if (session.json()) {
                ObjectNode node = session.gateway().json().createObjectNode()
                        .put("config_file", config.path().toString()).put("current_context", config.currentContext().orElse(null))
                        .put("gateway", target.gateway()).put("gateway_from", target.gatewaySource())
                        .put("token_from", target.tokenSource());
                node.putArray("contexts").addAll(config.contextNames().stream().map(session.gateway().json().getNodeFactory()::textNode).toList());
                session.printJson(node);
                return ExitCode.OK;
            }
            session.out().println("config file      " + config.path() + (java.nio.file.Files.exists(config.path()) ? "" : " (none yet)"));
            session.out().println("contexts         " + (config.contextNames().isEmpty() ? "none" : String.join(", ", config.contextNames()))
                    + config.currentContext().map(name -> " (current: " + name + ")").orElse(""));
            session.out().println("gateway          " + target.gateway() + "  from " + target.gatewaySource());
            session.out().println("token            " + (target.hasToken() ? "from " + target.tokenSource() : "none"));
            return ExitCode.OK;
        }
    }

    @Command(name = "set-context", description = "Add or change a context (spool config set-context prod https://spool.example.com --token-file ~/.spool-token); the first one becomes the current one.")
    static final class SetContext implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "The gateway's address. The global --token TOKEN, given too, is kept in the file (readable by you only).")
        String gateway;

        @Option(names = "--token-file", paramLabel = "FILE", description = "A file that holds the token, read at each command.")
        String tokenFile;

        private final Session session;

        SetContext(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw CliException.invalidInput("context name " + name + " may have letters, digits, '_', '-' and '.', up to 64");
            }
            String token = session.options().token;
            if (token != null && tokenFile != null) {
                throw CliException.invalidInput("give --token or --token-file, not both");
            }
            ConfigFile config = file(session).withContext(new Context(name, gateway, token, tokenFile));
            config.write();
            session.out().println("context " + name + " → " + gateway + " in " + config.path()
                    + (config.currentContext().orElse("").equals(name) ? " (current)" : "; use it: spool config use-context " + name));
            return ExitCode.OK;
        }
    }

    @Command(name = "use-context", description = "Make a context the current one.")
    static final class UseContext implements Callable<Integer> {

        @Parameters(paramLabel = "NAME")
        String name;

        private final Session session;

        UseContext(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            ConfigFile config = file(session).usingContext(name);
            config.write();
            session.out().println("current context: " + name);
            return ExitCode.OK;
        }
    }
}
