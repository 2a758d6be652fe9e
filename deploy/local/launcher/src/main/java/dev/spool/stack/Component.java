package dev.spool.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A process of the stack: a server Spool needs, or one of Spool's services. */
sealed interface Component permits KafkaBroker, PostgresDatabase, S3Server, SpoolService, PrometheusServer {

    String name();

    /** Where a person reaches it, as printed by {@code up} and {@code status}. */
    String address();

    /** Writes its configuration and does one-time setup; safe to call on every start. */
    default void prepare() {
    }

    List<String> command();

    default Map<String, String> environment() {
        return Map.of();
    }

    Path workDir();

    /** True once it serves requests; called repeatedly while it starts. */
    boolean isReady();

    /** Runs after it is ready, for example to create a database or topics. */
    default void afterReady() {
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static Path requireFile(Path path, String hint) {
        if (!java.nio.file.Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: " + hint);
        }
        return path;
    }
}
