package dev.spool.support.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The credential Spool's own services show each other ({@link InternalCredential}). */
@ConfigMapping(prefix = "spool.internal")
public interface InternalConfig {

    /** Without one, the internal endpoints admit no one: fail closed, and say so in the answer. */
    Optional<String> token();

    /**
     * Whether every endpoint of this service but {@code /q/} (health, metrics) is internal: so for the worker, the
     * state and the storage services, whose callers are Spool's own; the gateway guards only its internal paths.
     */
    @WithDefault("false")
    boolean everyEndpoint();
}
