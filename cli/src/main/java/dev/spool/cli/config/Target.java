package dev.spool.cli.config;

/**
 * The gateway a command talks to and the token it presents, each with where it came from, so that an error about
 * either can say which setting to change.
 */
public record Target(String gateway, String token, String gatewaySource, String tokenSource) {

    public boolean hasToken() {
        return token != null && !token.isBlank();
    }
}
