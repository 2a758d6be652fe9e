package dev.spool.worker.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "spool.worker")
public interface WorkerConfig {

    /** The name this worker gives itself in results; the host name when not set. */
    Optional<String> id();

    /** Where the secrets named by tasks' {@code secret_ref} are, one file per secret (a mounted Kubernetes Secret). */
    @WithDefault("/var/run/secrets/spool")
    java.nio.file.Path secretsDir();

    /** Task attempts this worker runs at once. */
    @WithDefault("4")
    int maxParallel();

    /** Where each attempt gets its own working directory and spool files. */
    Path workDir();

    /** gzip level (1 to 9) of the spooled full output; see bench/ for why 1 is the default. */
    @WithDefault("1")
    int gzipLevel();

    /**
     * Kept text larger than this (in UTF-8) goes to object storage, and the result carries a reference to it (a claim
     * check) instead of the text: results travel through Kafka, whose messages are kept small.
     */
    @WithDefault("1M")
    MemorySize keptTextInlineBytes();

    /**
     * The heap the kept text of running attempts may take together; 40% of the maximum heap unless set. An attempt
     * waits to start while it would not fit, and a budget larger than a quarter of this is lowered.
     */
    java.util.Optional<MemorySize> keptMemory();

    /**
     * Where the gateway reaches this worker to follow its running attempts' output, announced with its status; in
     * Kubernetes the pod's IP ({@code http://$(POD_IP):8081}). Unless set, {@code http://<host name>:<http port>}.
     */
    java.util.Optional<String> advertisedUrl();

    /** The most disk one stream's spool file may take; the stored copy of a stream beyond it is clipped. */
    @WithDefault("8G")
    MemorySize spoolMaxBytes();

    /** Between SIGTERM and SIGKILL when an attempt is stopped (timeout, cancel, limit, shutdown). */
    @WithDefault("5s")
    Duration killGrace();

    /** How often a running attempt's heartbeat is published. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** How often the process table is read to measure running attempts and hold their limits. */
    @WithDefault("500ms")
    Duration sampleInterval();

    /** On shutdown, how long running attempts may go on before they are stopped and reported INTERRUPTED. */
    @WithDefault("30s")
    Duration drainGrace();
}
