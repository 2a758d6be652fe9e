package dev.spool.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

@ConfigMapping(prefix = "spool.worker")
public interface WorkerConfig {

    /** The name this worker gives itself in results; the host name when not set. */
    Optional<String> id();

    /** Task attempts this worker runs at once. */
    @WithDefault("4")
    int maxParallel();

    /** Where each attempt gets its own working directory and spool files. */
    Path workDir();

    /** gzip level (1 to 9) of the spooled full output. */
    @WithDefault("6")
    int gzipLevel();
}
