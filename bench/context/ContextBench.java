import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The state tier's benchmarks on the local stack (see bench/README.md):
 *   history N PER       N finished runs of PER outputs each, written straight to the database, so that the others
 *                       measure on a database that holds history
 *   context UP REQ      one run with UP upstream outputs; REQ context requests of a task depending on all of them,
 *                       as its worker sends them: p50, p90, p99
 *   record RATE SECS    results published to Kafka at RATE a second for SECS seconds; the time from publishing each
 *                       to its OutputRecorded event: p50, p99
 *   loop N DIR          a loop of N iterations with cleanup_strategy most_recent, keep_count 20; every 5 s the
 *                       state-service's RSS, the run's rows and its objects in the bucket under DIR
 */
public class ContextBench {

    static final String JDBC = "jdbc:postgresql://127.0.0.1:15432/spool";
    static final String STATE = "http://localhost:8082";
    static final String GATEWAY = "http://localhost:8080";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "history" -> history(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "context" -> context(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "record" -> record(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "loop" -> loop(Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static Connection db() throws Exception {
        return DriverManager.getConnection(JDBC, "postgres", "postgres");
    }

    /** Writes outputs as the recorder does, in batches. */
    static void insertOutputs(Connection db, UUID run, List<String> tasks, String text, Instant at) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("insert into state.task_outputs (id, run_id, task_id, attempt_id, attempt, "
                + "stream, task_status, exit_code, content, original_bytes, original_lines, kept_bytes, truncated, truncation_strategy, "
                + "completed_at, recorded_at, worker_id) values (?, ?, ?, ?, 1, ?, 'SUCCEEDED', 0, ?, ?, ?, ?, false, 'tail', ?, ?, 'bench')")) {
            int n = 0;
            for (String task : tasks) {
                UUID attempt = UUID.randomUUID();
                for (String stream : List.of("stdout", "stderr")) {
                    String content = stream.equals("stdout") ? text : "";
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, run);
                    insert.setString(3, task);
                    insert.setObject(4, attempt);
                    insert.setString(5, stream);
                    insert.setString(6, content);
                    insert.setLong(7, content.length());
                    insert.setLong(8, content.chars().filter(c -> c == '\n').count());
                    insert.setLong(9, content.length());
                    insert.setTimestamp(10, Timestamp.from(at.plusMillis(n)));
                    insert.setTimestamp(11, Timestamp.from(at.plusMillis(n)));
                    insert.addBatch();
                }
                if (++n % 500 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    static String log(int lines, String task) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("2026-12-01T10:00:").append(i % 60).append(" INFO ").append(task).append(" processed batch ").append(i).append('\n');
        }
        return text.toString();
    }

    static void history(int runs, int perRun) throws Exception {
        long start = System.nanoTime();
        try (Connection db = db()) {
            db.setAutoCommit(false);
            String text = log(20, "history");
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < perRun; i++) {
                tasks.add("task-" + i);
            }
            for (int r = 0; r < runs; r++) {
                insertOutputs(db, UUID.randomUUID(), tasks, text, Instant.now().minus(Duration.ofDays(2)));
                db.commit();
            }
            try (ResultSet count = db.createStatement().executeQuery("select count(*) from state.task_outputs")) {
                count.next();
                System.out.printf("history: %,d rows in state.task_outputs (%,d written in %.1f s)%n", count.getLong(1),
                        (long) runs * perRun * 2, (System.nanoTime() - start) / 1e9);
            }
            db.createStatement().execute("analyze state.task_outputs");
            db.commit();
        }
    }

    static void context(int upstream, int requests) throws Exception {
        UUID run = UUID.randomUUID();
        List<String> tasks = new ArrayList<>();
        StringBuilder sources = new StringBuilder();
        for (int i = 0; i < upstream; i++) {
            tasks.add("part-" + i);
            sources.append(i == 0 ? "" : ",").append("{\"task_id\":\"part-").append(i).append("\",\"relevance\":1.0,\"reason\":\"direct dependency\"}");
        }
        try (Connection db = db()) {
            insertOutputs(db, run, tasks, log(40, "part"), Instant.now().minusSeconds(60));
        }
        for (Integer maxTokens : java.util.Arrays.asList(null, 8000)) {
            String body = "{\"run_id\":\"" + run + "\",\"task_id\":\"merge\",\"attempt\":1,\"mode\":\"automatic\",\"format\":\"text\","
                    + "\"max_bytes\":65536,\"max_tasks\":" + upstream + ",\"max_tokens\":" + maxTokens + ",\"min_relevance\":0.5,"
                    + "\"sources\":[" + sources + "]}";
            List<Double> millis = new ArrayList<>();
            long bytes = 0;
            int entries = 0;
            for (int i = 0; i < requests + 20; i++) {
                long t = System.nanoTime();
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(STATE + "/api/v1/context")).header(StackCredentials.INTERNAL_HEADER, StackCredentials.internalToken())
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                double took = (System.nanoTime() - t) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.statusCode() + ": " + response.body());
                }
                if (i >= 20) {
                    millis.add(took);
                }
                bytes = response.body().length();
                entries = response.body().split("\"included_bytes\"", -1).length - 1;
            }
            Collections.sort(millis);
            System.out.printf("context: %,d upstream outputs, max_bytes 65536%s: %d requests p50 %.1f ms p90 %.1f ms p99 %.1f ms "
                            + "(%d outputs went in; response %,d bytes)%n", upstream, maxTokens == null ? "" : ", max_tokens " + maxTokens,
                    requests, pct(millis, 50), pct(millis, 90), pct(millis, 99), entries, bytes);
        }
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    static void record(int rate, int seconds) throws Exception {
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:19092");
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:19092");
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        Map<String, Long> sent = new ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            consumer.subscribe(List.of("spool.output.recorded"));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            Thread reader = Thread.ofPlatform().start(() -> {
                while (!done.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        int at = record.value().indexOf("\"attempt_id\":\"");
                        String attempt = record.value().substring(at + 14, at + 50);
                        Long start = sent.remove(attempt);
                        if (start != null) {
                            latencies.add((now - start) / 1e6);
                        }
                    }
                }
            });
            UUID[] runs = new UUID[50];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = UUID.randomUUID();
            }
            String stdout = log(30, "worker").replace("\n", "\\n");
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            int total = rate * seconds;
            for (int i = 0; i < total; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                next += interval;
                UUID run = runs[i % runs.length];
                String attempt = UUID.randomUUID().toString();
                Instant now = Instant.now();
                String json = "{\"run_id\":\"" + run + "\",\"task_id\":\"t-" + i + "\",\"attempt_id\":\"" + attempt + "\",\"attempt\":1,"
                        + "\"worker_id\":\"bench\",\"status\":\"SUCCEEDED\",\"exit_code\":0,\"started_at\":\"" + now + "\",\"finished_at\":\""
                        + now + "\",\"stdout\":{\"stream\":\"stdout\",\"text\":\"" + stdout + "\",\"original_bytes\":" + stdout.length()
                        + ",\"original_lines\":30,\"kept_bytes\":" + stdout.length() + ",\"truncated\":false,\"strategy\":\"tail\"},"
                        + "\"stderr\":{\"stream\":\"stderr\",\"text\":\"\",\"original_bytes\":0,\"original_lines\":0,\"kept_bytes\":0,"
                        + "\"truncated\":false,\"strategy\":\"tail\"}}";
                sent.put(attempt, System.nanoTime());
                producer.send(new ProducerRecord<>("spool.task.results", run.toString(), json));
            }
            producer.flush();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!sent.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            done.set(true);
            reader.join();
        }
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        // The state-service's own figure: from a result's receipt to its OutputRecorded event, per result.
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(STATE + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        metrics.lines().filter(line -> (line.startsWith("spool_state_result_record_seconds{")
                        || line.startsWith("spool_state_result_announce_seconds{")) && line.contains("quantile"))
                .forEach(line -> System.out.println("record: state-service " + line));
        System.out.printf("record: %,d results at %d/s for %d s: %,d recorded, publish to OutputRecorded p50 %.1f ms p90 %.1f ms "
                + "p99 %.1f ms max %.1f ms; %,d not recorded within 30 s%n", rate * seconds, rate, seconds, sorted.size(), pct(sorted, 50),
                pct(sorted, 90), pct(sorted, 99), sorted.getLast(), sent.size());
    }

    static void loop(int iterations, Path runDir, Path bucket) throws Exception {
        String workflow = """
                name: bench-long-loop
                limits:
                  external_storage_threshold: 10
                  cleanup_strategy: {type: most_recent, keep_count: 20}
                tasks:
                  - id: grind
                    loop: {max_iterations: %d, until: "exit_code == 99"}
                    command: 'echo "iteration $SPOOL_ITERATION of a long loop"'
                """.formatted(iterations);
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/runs")).header("Authorization", StackCredentials.authorization())
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(workflow)).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = submitted.body();
        String run = body.substring(body.indexOf("\"id\":\"") + 6, body.indexOf("\"id\":\"") + 42);
        long pid = Long.parseLong(Files.readString(runDir.resolve("state-service.pid")).trim());
        long start = System.nanoTime();
        System.out.println("seconds,iteration,state_rss_mb,rows,objects_in_bucket,deletions_queued");
        long peakRss = 0;
        int maxRows = 0;
        long maxObjects = 0;
        while (true) {
            HttpResponse<String> view = HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/runs/" + run)).header("Authorization", StackCredentials.authorization()).build(),
                    HttpResponse.BodyHandlers.ofString());
            String status = view.body().substring(view.body().indexOf("\"status\":\"") + 10).split("\"")[0];
            String iteration = view.body().contains("\"iteration\":") ? view.body().split("\"iteration\":")[1].split("[,}]")[0] : "0";
            long rss = rssKb(pid) / 1024;
            int rows;
            int queued;
            try (Connection db = db(); PreparedStatement count = db.prepareStatement(
                    "select (select count(*) from state.task_outputs where run_id = ?), (select count(*) from state.object_deletions)")) {
                count.setObject(1, UUID.fromString(run));
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    rows = result.getInt(1);
                    queued = result.getInt(2);
                }
            }
            long objects = countFiles(bucket.resolve("runs").resolve(run));
            peakRss = Math.max(peakRss, rss);
            maxRows = Math.max(maxRows, rows);
            maxObjects = Math.max(maxObjects, objects);
            System.out.printf("%d,%s,%d,%d,%d,%d%n", (System.nanoTime() - start) / 1_000_000_000L, iteration, rss, rows, objects, queued);
            if (!status.equals("RUNNING")) {
                System.out.printf("loop: %,d iterations in %.0f s; state-service peak RSS %d MB; rows at most %d, objects at most %d%n",
                        iterations, (System.nanoTime() - start) / 1e9, peakRss, maxRows, maxObjects);
                return;
            }
            Thread.sleep(5000);
        }
    }

    static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    /** Objects in the bucket's directory; the state-service deletes some while they are counted, so a vanished one is counted again. */
    static long countFiles(Path dir) throws Exception {
        while (true) {
            if (!Files.isDirectory(dir)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                // Outputs, not the block index beside each.
                return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().endsWith(".index")).count();
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException vanished) {
                Thread.onSpinWait();
            }
        }
    }
}
