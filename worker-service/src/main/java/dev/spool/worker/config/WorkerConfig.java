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

    /** Which user each task runs as. */
    TaskUser taskUser();

    /**
     * How the worker finds every process of an attempt, to stop what is left when the attempt ends: {@code cgroup}
     * (one cgroup v2 per attempt, where a writable one is mounted), {@code proc-marker} (processes carrying the
     * attempt's marker in their environment, or its user, found in /proc), or {@code auto}, the first that this
     * machine allows.
     */
    @WithDefault("auto")
    ContainmentMethod containment();

    enum ContainmentMethod { AUTO, CGROUP, PROC_MARKER }

    interface TaskUser {

        /**
         * {@code auto}: tasks run as users of their own when the worker can switch users (it is root, or holds
         * CAP_SETUID and CAP_SETGID), and as the worker's own user otherwise, with a warning at start;
         * {@code required}: the worker does not start unless it can; {@code off}: tasks run as the worker's user.
         */
        @WithDefault("auto")
        Mode mode();

        /**
         * The first user id tasks run as: each of the worker's {@code max-parallel} slots has one of its own, from this one
         * up, so that no two running attempts share a user. No account may use these ids, and two workers on one
         * host need ranges apart.
         */
        @WithDefault("70000")
        int uid();

        /**
         * The first group id tasks run as, one a slot like the user ids, and the same as {@code uid} unless set: groups that
         * no file on the machine is given to. An attempt's directory can be passed through by its group alone.
         */
        Optional<Integer> gid();

        enum Mode { AUTO, REQUIRED, OFF }
    }
}
