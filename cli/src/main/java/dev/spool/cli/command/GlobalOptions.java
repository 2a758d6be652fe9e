package dev.spool.cli.command;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every command takes, before or after its name. */
public final class GlobalOptions {

    public enum Format { text, json }

    @Option(names = "--gateway", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The gateway (default: SPOOL_GATEWAY, the context's, else the local stack at http://localhost:8080).")
    String gateway;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "The API token (default: SPOOL_TOKEN, the context's, else the local stack's .spool/admin-token).")
    String token;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "A context of ~/.config/spool/config.yaml (default: SPOOL_CONTEXT, else its current_context).")
    String context;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "text (default) or json: the gateway's JSON, stable, for scripts.")
    Format output = Format.text;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colours (also: NO_COLOR=1). Colours are only ever on for a terminal.")
    boolean noColour;
}
