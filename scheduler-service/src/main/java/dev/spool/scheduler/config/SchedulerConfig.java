package dev.spool.scheduler.config;

import io.smallrye.config.ConfigMapping;

import java.net.URI;

@ConfigMapping(prefix = "spool.scheduler")
public interface SchedulerConfig {

    /** The storage-service, which streams full outputs back decompressed. */
    URI storageUrl();
}
