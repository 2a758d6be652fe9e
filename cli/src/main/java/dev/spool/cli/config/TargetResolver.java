package dev.spool.cli.config;

import dev.spool.cli.CliException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which gateway and token a command uses. The gateway: {@code --gateway}, then {@code SPOOL_GATEWAY}, then the
 * context's, then the local stack ({@code http://localhost:$SPOOL_GATEWAY_PORT}, 8080). The token: {@code --token},
 * then {@code SPOOL_TOKEN}, then the context's, then, for a gateway on this machine only, the local stack's
 * {@code .spool/admin-token}, so the local stack needs no set-up and that token is never sent elsewhere.
 */
public final class TargetResolver {

    static final String ADMIN_TOKEN = ".spool/admin-token";

    private final Map<String, String> env;
    private final Path workingDir;
    private final Path checkout;
    private final String userHome;

    /**
     * @param checkout the checkout {@code bin/spool} was started from (its {@code .spool/} is the local stack's), or null
     */
    public TargetResolver(Map<String, String> env, Path workingDir, Path checkout, String userHome) {
        this.env = env;
        this.workingDir = workingDir;
        this.checkout = checkout;
        this.userHome = userHome;
    }

    public Target resolve(String gatewayOption, String tokenOption, String contextOption) {
        ConfigFile config = ConfigFile.read(ConfigFile.location(env, userHome));
        Optional<Context> context = context(config, contextOption);

        String gateway;
        String gatewaySource;
        if (present(gatewayOption)) {
            gateway = gatewayOption;
            gatewaySource = "--gateway";
        } else if (present(env.get("SPOOL_GATEWAY"))) {
            gateway = env.get("SPOOL_GATEWAY");
            gatewaySource = "SPOOL_GATEWAY";
        } else if (context.isPresent() && present(context.get().gateway())) {
            gateway = context.get().gateway();
            gatewaySource = "context " + context.get().name() + " in " + config.path();
        } else {
            gateway = "http://localhost:" + Optional.ofNullable(env.get("SPOOL_GATEWAY_PORT")).filter(TargetResolver::present).orElse("8080");
            gatewaySource = "the local stack's default";
        }
        gateway = checkedGateway(gateway.strip(), gatewaySource);

        if (present(tokenOption)) {
            return new Target(gateway, tokenOption.strip(), gatewaySource, "--token");
        }
        if (present(env.get("SPOOL_TOKEN"))) {
            return new Target(gateway, env.get("SPOOL_TOKEN").strip(), gatewaySource, "SPOOL_TOKEN");
        }
        if (context.isPresent() && present(context.get().token())) {
            return new Target(gateway, context.get().token().strip(), gatewaySource, "context " + context.get().name());
        }
        if (context.isPresent() && present(context.get().tokenFile())) {
            Path file = expandHome(context.get().tokenFile());
            return new Target(gateway, readToken(file, "the token_file of context " + context.get().name()), gatewaySource, file.toString());
        }
        if (isLoopback(gateway)) {
            Optional<Path> local = localAdminToken();
            if (local.isPresent()) {
                return new Target(gateway, readToken(local.get(), "the local stack's admin token"), gatewaySource, local.get().toString());
            }
        }
        return new Target(gateway, null, gatewaySource, null);
    }

    private Optional<Context> context(ConfigFile config, String contextOption) {
        String name = present(contextOption) ? contextOption
                : present(env.get("SPOOL_CONTEXT")) ? env.get("SPOOL_CONTEXT") : config.currentContext().orElse(null);
        if (name == null) {
            return Optional.empty();
        }
        Context context = config.contexts().get(name);
        if (context == null) {
            throw CliException.invalidInput("no context " + name + " in " + config.path()
                    + (config.contexts().isEmpty() ? " (it has none)" : "; the contexts are " + config.contextNames())
                    + ". Add it with: spool config set-context " + name + " URL --token-file FILE");
        }
        return Optional.of(context);
    }

    /** The local stack's admin token: in the checkout of {@code bin/spool}, else in the working directory or above it. */
    Optional<Path> localAdminToken() {
        if (checkout != null && Files.isReadable(checkout.resolve(ADMIN_TOKEN))) {
            return Optional.of(checkout.resolve(ADMIN_TOKEN));
        }
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isReadable(dir.resolve(ADMIN_TOKEN))) {
                return Optional.of(dir.resolve(ADMIN_TOKEN));
            }
        }
        return Optional.empty();
    }

    private Path expandHome(String file) {
        return file.startsWith("~/") ? Path.of(userHome, file.substring(2)) : Path.of(file);
    }

    private static String readToken(Path file, String what) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw CliException.invalidInput("cannot read " + what + " at " + file + ": " + e.getMessage());
        }
    }

    private static String checkedGateway(String gateway, String source) {
        try {
            URI uri = URI.create(gateway);
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway;
        } catch (IllegalArgumentException e) {
            throw CliException.invalidInput("the gateway address " + gateway + " (from " + source
                    + ") is not an http:// or https:// URL with a host; give one such as http://localhost:8080");
        }
    }

    static boolean isLoopback(String gateway) {
        String host = URI.create(gateway).getHost();
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
