package dev.spool.cli.command;

import dev.spool.cli.ExitCode;
import dev.spool.cli.SpoolCli;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "completion", description = {"A completion script for your shell:",
        "  bash: source <(spool completion bash)   (or save it under /etc/bash_completion.d/)",
        "  zsh:  source <(spool completion zsh)    (in ~/.zshrc)"})
public final class CompletionCommand implements Callable<Integer> {

    public enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    private final Session session;

    CompletionCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("spool", SpoolCli.commandLine(session));
        if (shell == Shell.zsh) {
            // picocli's script is written for bash's complete; zsh runs it through bashcompinit.
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        session.out().print(script);
        session.out().flush();
        return ExitCode.OK;
    }
}
