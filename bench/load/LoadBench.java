import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sustained load on a running stack, through its public API: CONCURRENT runs of TASKS tasks each are kept in
 * flight for DURATION; every SAMPLE the resident memory of each of the stack's processes is read from /proc.
 * Writes rss.csv and rss.png to the output folder and prints a summary: runs submitted, ended, by status, and
 * each process's RSS at the start, at its peak and at the end of the load.
 *
 *   java LoadBench <pid-folder> <output-folder>
 */
public class LoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String gateway = System.getenv().getOrDefault("SPOOL_GATEWAY", "http://localhost:8080");
        int concurrent = Integer.parseInt(System.getenv().getOrDefault("CONCURRENT", "50"));
        int tasks = Integer.parseInt(System.getenv().getOrDefault("TASKS", "200"));
        Duration duration = Duration.parse("PT" + System.getenv().getOrDefault("DURATION", "30M"));
        Duration sample = Duration.parse("PT" + System.getenv().getOrDefault("SAMPLE", "10S"));
        Path pids = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));

        Map<String, Long> processes = new TreeMap<>();
        try (var files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                processes.put(file.getFileName().toString().replace(".pid", ""), Long.parseLong(Files.readString(file).trim()));
            }
        }
        List<String> names = new ArrayList<>(processes.keySet());
        List<long[]> samples = new ArrayList<>();
        Instant started = Instant.now();
        Instant end = started.plus(duration);

        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger submitted = new AtomicInteger();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        List<Thread> drivers = new ArrayList<>();
        for (int slot = 0; slot < concurrent; slot++) {
            int seed = slot;
            drivers.add(Thread.ofPlatform().start(() -> {
                int generation = 0;
                while (Instant.now().isBefore(end)) {
                    try {
                        String runId = submit(gateway, workflow(seed, generation++, tasks));
                        submitted.incrementAndGet();
                        String status = awaitEnd(gateway, runId, Duration.ofMinutes(20));
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    } catch (Exception e) {
                        refused.add(String.valueOf(e.getMessage()));
                        sleep(1000);
                    }
                }
            }));
        }
        while (drivers.stream().anyMatch(Thread::isAlive)) {
            long[] row = new long[names.size() + 1];
            row[0] = Duration.between(started, Instant.now()).toSeconds();
            for (int i = 0; i < names.size(); i++) {
                row[i + 1] = rssKiB(processes.get(names.get(i)));
            }
            samples.add(row);
            System.out.printf("t=%4ds runs submitted=%d ended=%s%n", row[0], submitted.get(), statuses);
            Thread.sleep(sample.toMillis());
        }

        StringBuilder csv = new StringBuilder("seconds," + String.join(",", names.stream().map(n -> n + "_rss_mib").toList()) + "\n");
        for (long[] row : samples) {
            csv.append(row[0]);
            for (int i = 1; i < row.length; i++) {
                csv.append(',').append(String.format("%.1f", row[i] / 1024.0));
            }
            csv.append('\n');
        }
        Files.writeString(out.resolve("rss.csv"), csv);
        plot(names, samples, out.resolve("rss.png"), concurrent, tasks);

        int ended = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("load concurrent=%d tasks_per_run=%d minutes=%.1f submitted=%d ended=%d statuses=%s errors=%d%n",
                concurrent, tasks, Duration.between(started, Instant.now()).toSeconds() / 60.0, submitted.get(), ended, statuses, refused.size());
        refused.stream().distinct().limit(5).forEach(error -> System.out.println("  error: " + error));
        for (int i = 0; i < names.size(); i++) {
            int column = i + 1;
            long first = samples.getFirst()[column];
            long peak = samples.stream().mapToLong(row -> row[column]).max().orElse(0);
            long last = samples.getLast()[column];
            // The second half's mean against the first half's (after a warm-up sample): a process that grows shows it.
            int half = samples.size() / 2;
            double early = samples.subList(1, Math.max(2, half)).stream().mapToLong(row -> row[column]).average().orElse(0) / 1024;
            double late = samples.subList(half, samples.size()).stream().mapToLong(row -> row[column]).average().orElse(0) / 1024;
            System.out.printf("rss %-18s start=%6.0f MiB peak=%6.0f MiB end=%6.0f MiB mean(first half)=%6.0f mean(second half)=%6.0f%n",
                    names.get(i), first / 1024.0, peak / 1024.0, last / 1024.0, early, late);
        }
    }

    /** A run like the ones seed 004 describes: a fan-out of loops and chains, a few chatty tasks, and a join. */
    static String workflow(int seed, int generation, int tasks) {
        StringBuilder yaml = new StringBuilder("name: load-" + seed + "\nmax_parallel: 8\ntasks:\n");
        int body = tasks - 1;
        for (int i = 0; i < body; i++) {
            yaml.append("  - id: t").append(i).append('\n');
            if (i % 50 == 7) {
                yaml.append("    command: \"head -c 300000 /dev/zero | tr '\\\\0' x; echo\"\n");
            } else if (i % 25 == 3) {
                yaml.append("    command: \"test $SPOOL_ITERATION -ge 3\"\n    loop: {max_iterations: 5}\n");
            } else if (i % 40 == 11) {
                yaml.append("    command: \"test $SPOOL_ATTEMPT -ge 2\"\n    retry: {max_attempts: 3, initial_delay: 200ms}\n");
            } else {
                yaml.append("    command: [echo, \"").append(seed).append('-').append(generation).append('-').append(i).append("\"]\n");
            }
            if (i % 10 != 0) {
                yaml.append("    depends_on: [t").append(i - 1).append("]\n");
            }
        }
        yaml.append("  - id: join\n    command: [echo, done]\n    dependency_strategy: best_effort\n    depends_on: [");
        for (int i = 9; i < body; i += 10) {
            yaml.append(i == 9 ? "" : ", ").append('t').append(i);
        }
        return yaml.append("]\n").toString();
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process is gone.
        }
        return 0;
    }

    private static void plot(List<String> names, List<long[]> samples, Path file, int concurrent, int tasks) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (long[] sample : samples) {
            double[] row = new double[sample.length];
            row[0] = sample[0] / 60.0;
            for (int i = 1; i < sample.length; i++) {
                row[i] = sample[i] / 1024.0;
            }
            rows.add(row);
        }
        LinePlot.write(file, "Resident memory of each process: " + concurrent + " concurrent runs of " + tasks + " tasks", "min", "MiB",
                names, rows);
    }

    private static String submit(String gateway, String workflow) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/runs")).header("Authorization", StackCredentials.authorization())
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(workflow)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("submission refused (" + response.statusCode() + "): " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static String awaitEnd(String gateway, String runId, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/runs/" + runId)).header("Authorization", StackCredentials.authorization()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String status = run.path("status").asText();
            if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                return status;
            }
            Thread.sleep(2000);
        }
        return "NOT_ENDED";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
