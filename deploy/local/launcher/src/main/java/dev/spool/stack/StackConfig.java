package dev.spool.stack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a stack keeps its data and which ports it uses. The local stack and the end-to-end tests use
 * different folders and ports, so a running local stack does not disturb the tests.
 *
 * @param home the Spool checkout, where the built servers and services are found
 * @param dir  the stack's own folder: data, logs and process ids
 * @param synchronousCommit PostgreSQL's {@code synchronous_commit}: on, as in production, unless a benchmark asks
 *                          for the figure without it ({@code SPOOL_POSTGRES_SYNCHRONOUS_COMMIT=off}); fsync is on either way
 */
public record StackConfig(
        Path home,
        Path dir,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int s3Port,
        int gatewayPort,
        int workerPort,
        int statePort,
        int storagePort,
        int prometheusPort,
        String workerHeap,
        int workers,
        int workerSlots,
        String retentionMaxAge,
        String retentionInterval,
        boolean synchronousCommit) {

    public static final String S3_ACCESS_KEY = "spool";
    public static final String S3_SECRET_KEY = "spool-local-secret";
    public static final String DATABASE = "spool";
    public static final String BUCKET = "spool-outputs";

    /** The local stack: its folder is {@code .spool/} in the checkout, ports from the environment or the defaults. */
    public static StackConfig local(Path home, Map<String, String> env) {
        return new StackConfig(home, home.resolve(".spool"),
                port(env, "SPOOL_KAFKA_PORT", 19092),
                port(env, "SPOOL_KAFKA_CONTROLLER_PORT", 19093),
                port(env, "SPOOL_POSTGRES_PORT", 15432),
                port(env, "SPOOL_S3_PORT", 19000),
                port(env, "SPOOL_GATEWAY_PORT", 8080),
                port(env, "SPOOL_WORKER_PORT", 8081),
                port(env, "SPOOL_STATE_PORT", 8082),
                port(env, "SPOOL_STORAGE_PORT", 8083),
                port(env, "SPOOL_PROMETHEUS_PORT", PrometheusServer.DEFAULT_PORT),
                env.getOrDefault("SPOOL_WORKER_HEAP", "512m"),
                count(env, "SPOOL_WORKERS", 2),
                count(env, "SPOOL_WORKER_SLOTS", 8),
                env.getOrDefault("SPOOL_SCHEDULER_RETENTION_MAX_AGE", "30d"),
                env.getOrDefault("SPOOL_SCHEDULER_RETENTION_INTERVAL", "1h"),
                onOff(env, "SPOOL_POSTGRES_SYNCHRONOUS_COMMIT", true));
    }

    /** The end-to-end tests' stack: its own folder and ports that the local stack does not use. */
    public static StackConfig forTests(Path home, Path dir) {
        return new StackConfig(home, dir, 29092, 29093, 25432, 29000, 28080, 28081, 28082, 28083, 29090, "512m", 2, 4,
                // Runs are deleted a minute after they end, so that a test can watch retention happen.
                "60s", "5s", true);
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE;
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    public String url(int port) {
        return "http://localhost:" + port;
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    /** The port of worker {@code index} (from 1): the first on the worker port, the others ten apart. */
    public int workerPort(int index) {
        return workerPort + 10 * (index - 1);
    }

    private static int count(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count < 1 || count > 64) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a count from 1 to 64");
        }
    }

    private static boolean onOff(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new IllegalArgumentException(name + "=" + value + " is neither on nor off");
        };
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a port number (1 to 65535)");
        }
    }
}
