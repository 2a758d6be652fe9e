package dev.spool.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One of Spool's four services, run from its packaged Quarkus application as in production. */
record SpoolService(String name, String module, int port, String heap, Map<String, String> settings, StackConfig config) implements Component {

    static List<SpoolService> all(StackConfig config) {
        String kafka = config.kafkaBootstrap();
        Map<String, String> database = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + config.postgresPort() + "/" + StackConfig.DATABASE,
                "QUARKUS_DATASOURCE_JDBC_URL", config.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres");
        Map<String, String> storage = Map.of(
                "SPOOL_STORAGE_ENDPOINT", config.s3Endpoint(),
                "SPOOL_STORAGE_ACCESS_KEY", StackConfig.S3_ACCESS_KEY,
                "SPOOL_STORAGE_SECRET_KEY", StackConfig.S3_SECRET_KEY,
                "SPOOL_STORAGE_BUCKET", StackConfig.BUCKET,
                "QUARKUS_REST_CLIENT_STATE_SERVICE_URL", config.url(config.statePort()));
        Map<String, String> state = new HashMap<>(database);
        state.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        state.put("QUARKUS_REST_CLIENT_STORAGE_SERVICE_URL", config.url(config.storagePort()));
        state.put("QUARKUS_REST_CLIENT_SCHEDULER_SERVICE_URL", config.url(config.gatewayPort()));
        Map<String, String> scheduler = new HashMap<>(database);
        scheduler.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        scheduler.put("QUARKUS_REST_CLIENT_STATE_SERVICE_URL", config.url(config.statePort()));
        scheduler.put("SPOOL_SCHEDULER_STORAGE_URL", config.url(config.storagePort()));
        // Heartbeats come every 2 s here (below): a worker silent for 8 s is gone.
        scheduler.put("SPOOL_SCHEDULER_LEASE_HEARTBEAT_TIMEOUT", "8s");
        scheduler.put("SPOOL_SCHEDULER_DISPATCH_WORKER_TIMEOUT", "8s");
        scheduler.put("SPOOL_SCHEDULER_RETENTION_MAX_AGE", config.retentionMaxAge());
        scheduler.put("SPOOL_SCHEDULER_RETENTION_INTERVAL", config.retentionInterval());
        List<SpoolService> services = new ArrayList<>();
        services.add(new SpoolService("storage-service", "storage-service", config.storagePort(), "256m", storage, config));
        services.add(new SpoolService("state-service", "state-service", config.statePort(), "256m", state, config));
        for (int i = 1; i <= config.workers(); i++) {
            String name = i == 1 ? "worker-service" : "worker-service-" + i;
            Map<String, String> worker = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka,
                    "QUARKUS_REST_CLIENT_STORAGE_SERVICE_URL", config.url(config.storagePort()),
                    "QUARKUS_REST_CLIENT_STATE_SERVICE_URL", config.url(config.statePort()),
                    "SPOOL_WORKER_WORK_DIR", config.dir().resolve(i == 1 ? "worker" : "worker-" + i).toString(),
                    "SPOOL_WORKER_MAX_PARALLEL", Integer.toString(config.workerSlots()),
                    // Workers on one host need task users apart: one's tasks must not be able to touch another's.
                    "SPOOL_WORKER_TASK_USER_UID", Integer.toString(StackPrivacy.firstTaskUid(i)),
                    // Files named after secrets, for tasks' secret_ref: the local stand-in for a mounted Kubernetes Secret.
                    "SPOOL_WORKER_SECRETS_DIR", config.dir().resolve("secrets").toString(),
                    // Beats more often than the 5 s default, so that progress shows soon on a laptop and in tests.
                    "SPOOL_WORKER_HEARTBEAT_INTERVAL", "2s",
                    // Within the launcher's 20 s stop grace, with room for the kill grace after it.
                    "SPOOL_WORKER_DRAIN_GRACE", "10s",
                    // Where the gateway reaches it to follow an attempt's output.
                    "SPOOL_WORKER_ADVERTISED_URL", config.url(config.workerPort(i)));
            services.add(new SpoolService(name, "worker-service", config.workerPort(i), config.workerHeap(), worker, config));
        }
        services.add(new SpoolService("scheduler-service", "scheduler-service", config.gatewayPort(), "256m", scheduler, config));
        return services;
    }

    /** Not started by {@code up}: a second scheduler replica, on the gateway port plus 10, to show a standby taking over. */
    static List<SpoolService> extras(StackConfig config) {
        SpoolService scheduler = all(config).getLast();
        return List.of(new SpoolService("scheduler-service-2", "scheduler-service", config.gatewayPort() + 10, "256m",
                scheduler.settings(), config));
    }

    @Override
    public String address() {
        return config.url(port);
    }

    @Override
    public Path workDir() {
        return config.dir().resolve("services").resolve(name);
    }

    @Override
    public List<String> command() {
        Path jar = Component.requireFile(config.home().resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                "build it with ./mvnw -DskipTests package");
        return List.of(Component.java(), "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString());
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(settings);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // Read (or written) as each service starts, not when the stack is described: a fresh stack folder gets its
        // secrets then, and every later reader finds the same ones.
        env.put("SPOOL_INTERNAL_TOKEN", StackSecrets.internalToken(config.dir()));
        if (module.equals("scheduler-service")) {
            env.put("SPOOL_AUTH_BOOTSTRAP_ADMIN_TOKEN", StackSecrets.adminToken(config.dir()));
        }
        if (module.equals("scheduler-service") || module.equals("worker-service")) {
            env.put("SPOOL_SECRETS_KEY", StackSecrets.secretsKey(config.dir()));
        }
        return env;
    }

    @Override
    public boolean isReady() {
        return Component.answersOk(address() + "/q/health/ready");
    }
}
