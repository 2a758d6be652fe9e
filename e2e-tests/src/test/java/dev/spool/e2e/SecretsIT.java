package dev.spool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workflow's secrets, inline ({@code secret: true}) or held by the workers ({@code secret_ref}), reach the task and
 * rest nowhere in the clear: not in any table of the database, not in any record of any Kafka topic, not in the
 * stored output, and not in any service's log.
 */
class SecretsIT {

    private static SpoolStack spool;

    @BeforeAll
    static void startStack() {
        spool = SpoolStack.get();
    }

    @Test
    void secretsReachTheTaskAndAreInNoTableTopicStoredOutputOrLog() throws Exception {
        String inline = "inline-" + UUID.randomUUID();
        String held = "held-" + UUID.randomUUID();
        String secretName = "e2e-" + UUID.randomUUID();
        Path secretsDir = spool.config.dir().resolve("secrets");
        Files.createDirectories(secretsDir);
        Files.writeString(secretsDir.resolve(secretName), held + "\n");

        JsonNode run = spool.runToEnd("""
                name: secrets-at-rest
                env:
                  API_KEY: {value: "%s", secret: true}
                tasks:
                  - id: use
                    script: |
                      # Compared by digest: the command is stored as it is, and must not hold the values itself.
                      [ "$(printf %%s "$API_KEY" | sha256sum | cut -c1-64)" = "%s" ] || { echo "the task did not get API_KEY"; exit 1; }
                      [ "$(printf %%s "$DB_PASSWORD" | sha256sum | cut -c1-64)" = "%s" ] || { echo "the task did not get DB_PASSWORD"; exit 1; }
                      echo "key=$API_KEY password=$DB_PASSWORD"
                      echo "$API_KEY $DB_PASSWORD" >&2
                    env:
                      DB_PASSWORD: {secret_ref: %s}
                  - id: downstream
                    depends_on: [use]
                    command: cat "$SPOOL_CONTEXT_FILE"
                """.formatted(inline, sha256(inline), sha256(held), secretName));

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        String base = "/api/v1/runs/" + run.path("id").asText();
        assertThat(spool.get(base + "/tasks/use/output").body()).isEqualTo("key=*** password=***\n");
        String everythingTheApiShows = spool.get(base).body() + spool.get(base + "/tasks/use/output/full").body()
                + spool.get(base + "/tasks/use/output/full?stream=stderr").body() + spool.get(base + "/tasks/downstream/output").body()
                + spool.get(base + "/outputs").body();
        assertThat(everythingTheApiShows).contains("***").doesNotContain(inline).doesNotContain(held);

        for (String secret : List.of(inline, held)) {
            assertThat(rowsHolding(secret)).as("rows of the database holding %s", secret).isEmpty();
            assertThat(kafkaRecordsHolding(secret)).as("Kafka records holding %s", secret).isEmpty();
            assertThat(logsHolding(secret)).as("service logs holding %s", secret).isEmpty();
        }
    }

    /** Every row of every table of every schema, as PostgreSQL writes the row as text, with its table's name. */
    private static List<String> rowsHolding(String secret) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(spool.config.jdbcUrl(), "postgres", "postgres");
             Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select table_schema, table_name from information_schema.tables "
                    + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")) {
                while (rows.next()) {
                    tables.add("\"" + rows.getString(1) + "\".\"" + rows.getString(2) + "\"");
                }
            }
            assertThat(tables).as("the tables scanned").anyMatch(table -> table.contains("task_definitions")).anyMatch(table -> table.contains("runs"));
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("select t::text from " + table + " t")) {
                    while (rows.next()) {
                        if (rows.getString(1).contains(secret)) {
                            found.add(table);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Every record of every topic, from its beginning to its end now, with its topic's name. */
    private static List<String> kafkaRecordsHolding(String secret) {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", spool.config.kafkaBootstrap()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics().values().stream().flatMap(List::stream)
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            assertThat(partitions).as("the partitions scanned").anyMatch(partition -> partition.topic().equals("spool.task.dispatch"));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            ends.values().removeIf(end -> end == 0);
            long scanned = 0;
            while (!ends.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    scanned++;
                    if (holds(record.value(), needle) || holds(record.key(), needle)
                            || Stream.of(record.headers().toArray()).anyMatch(header -> holds(header.value(), needle))) {
                        found.add(record.topic() + "@" + record.offset());
                    }
                }
                ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            }
            assertThat(scanned).as("records scanned").isPositive();
        }
        return found;
    }

    private static List<String> logsHolding(String secret) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> logs = Files.walk(spool.config.logs())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                if (Files.readString(log, StandardCharsets.ISO_8859_1).contains(secret)) {
                    found.add(log.getFileName().toString());
                }
            }
        }
        return found;
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean holds(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
