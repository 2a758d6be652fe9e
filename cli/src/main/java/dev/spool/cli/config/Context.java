package dev.spool.cli.config;

/** A named context of the configuration file: a gateway and how to authenticate to it. */
public record Context(String name, String gateway, String token, String tokenFile) {
}
