package dev.spool.scheduler.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The credential Spool's own services show each other (dev.spool.support.rest.InternalCredential). */
@ConfigMapping(prefix = "spool.internal")
public interface InternalConfig {

    /** Without one, the internal endpoints admit no one: fail closed, and say so in the answer. */
    Optional<String> token();
}
