package dev.spool.stack;

import dev.spool.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A single Kafka broker in KRaft combined mode (broker and controller in one process), on loopback. */
record KafkaBroker(StackConfig config) implements Component {

    static final int PARTITIONS = 4;
    /** Results carry kept text inline; this leaves room above the workflow limit on kept bytes. */
    static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String address() {
        return config.kafkaBootstrap();
    }

    @Override
    public Path workDir() {
        return config.dir().resolve("kafka");
    }

    private Path lib() {
        return Component.requireFile(config.home().resolve("deploy/local/servers/kafka/target/lib"), "build it with ./mvnw -DskipTests package");
    }

    @Override
    public void prepare() {
        try {
            Path dir = Files.createDirectories(workDir());
            Files.writeString(dir.resolve("server.properties"), String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + config.kafkaControllerPort(),
                    "listeners=PLAINTEXT://127.0.0.1:" + config.kafkaPort() + ",CONTROLLER://127.0.0.1:" + config.kafkaControllerPort(),
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + config.kafkaPort(),
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dir.resolve("data"),
                    "num.partitions=" + PARTITIONS,
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    // The scheduler's and the state-service's consumers ask for a 3 s session (Kafka's floor is 6 s).
                    "group.min.session.timeout.ms=1000",
                    "message.max.bytes=" + MAX_MESSAGE_BYTES,
                    // A restart after a crash waits for the old registration to expire; keep that short.
                    "broker.session.timeout.ms=2000",
                    "broker.heartbeat.interval.ms=500",
                    ""));
            Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                    "rootLogger.level=INFO",
                    "rootLogger.appenderRef.stdout.ref=STDOUT",
                    "appender.stdout.type=Console",
                    "appender.stdout.name=STDOUT",
                    "appender.stdout.layout.type=PatternLayout",
                    "appender.stdout.layout.pattern=[%d] %p %m (%c)%n",
                    "logger.kafka.name=kafka",
                    "logger.kafka.level=WARN",
                    "logger.apache.name=org.apache.kafka",
                    "logger.apache.level=WARN",
                    ""));
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                format(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka in " + workDir() + ": " + e, e);
        }
    }

    private void format(Path dir) throws IOException {
        String clusterId = toBase64Uuid(UUID.randomUUID());
        // As Kafka's own ids: one that starts with '-' reads as an option to the storage tool (1 in 64 of them).
        while (clusterId.startsWith("-")) {
            clusterId = toBase64Uuid(UUID.randomUUID());
        }
        Files.createDirectories(config.logs());
        Process format = new ProcessBuilder(Component.java(), "-cp", lib() + "/*",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", dir.resolve("server.properties").toString(), "--ignore-formatted")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logs().resolve("kafka-format.log").toFile()))
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka's storage failed; see " + config.logs().resolve("kafka-format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka's storage", e);
        }
    }

    private static String toBase64Uuid(UUID uuid) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    @Override
    public List<String> command() {
        return List.of(Component.java(), "-Xmx512m", "-cp", lib() + "/*",
                "-Dlog4j2.configurationFile=" + workDir().resolve("log4j2.properties"),
                "kafka.Kafka", workDir().resolve("server.properties").toString());
    }

    /** Ready when a client can create Spool's topics; a topic that exists already counts as ready. */
    @Override
    public boolean isReady() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            List<NewTopic> topics = Topics.ALL.stream()
                    .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1).configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES))))
                    .toList();
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get(5, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        return false;
                    }
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
