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
import java.util.Comparator;
import java.util.List;

/**
 * The scheduler's benchmarks against a running stack, through its public API only:
 *   fanout N [CSV] one run of N independent `true` tasks: tasks/s from submit to run end; with CSV, the tasks ended
 *                 in each 250 ms from the submit, by the tasks' own end times, for a plot of throughput over the run
 *   concurrent R N R runs of N `true` tasks each, submitted together: tasks/s over all of them, and how evenly the
 *                 runs progressed (each run's share done when half of all tasks were, and when each run ended)
 *   chain N       one run of N sequential `true` tasks: the hop from one task's end to the next one's start
 *   plot PNG TITLE LABEL=CSV...  the throughput series of fan-outs (from fanout N CSV) on one chart
 *   recovery N    a run of N `sleep 1` tasks; the scheduler is killed with SIGKILL and restarted by the caller
 *                 (this prints when to kill and waits): how long until it dispatches again
 */
public class SchedulerBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String gateway;

    public static void main(String[] args) throws Exception {
        gateway = System.getenv().getOrDefault("SPOOL_GATEWAY", "http://localhost:8080");
        if (args[0].equals("plot")) {
            plot(Path.of(args[1]), args[2], List.of(args).subList(3, args.length));
            return;
        }
        int n = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "fanout" -> fanout(n, args.length > 2 ? Path.of(args[2]) : null);
            case "concurrent" -> concurrent(n, Integer.parseInt(args[2]));
            case "chain" -> chain(n);
            case "recovery" -> recovery(n, Path.of(args[2]));
            default -> throw new IllegalArgumentException("fanout N [CSV] | concurrent RUNS N | chain N | recovery N PIDFILE");
        }
    }

    private static String independent(String name, int n) {
        StringBuilder workflow = new StringBuilder("{\"name\":\"" + name + "\",\"tasks\":[");
        for (int i = 0; i < n; i++) {
            workflow.append(i == 0 ? "" : ",").append("{\"id\":\"t").append(i).append("\",\"command\":[\"true\"]}");
        }
        return workflow.append("]}").toString();
    }

    private static void fanout(int n, Path csv) throws Exception {
        Instant submitted = Instant.now();
        long start = System.nanoTime();
        String runId = submit(independent("bench-fanout", n));
        JsonNode run = awaitEnd(runId, Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fanout tasks=%d status=%s seconds=%.2f tasks_per_second=%.1f%n", n, run.path("status").asText(), seconds, n / seconds);
        if (csv != null) {
            writeThroughput(csv, submitted, endTimes(run));
        }
    }

    private static void plot(Path png, String title, List<String> series) throws IOException {
        List<String> names = new ArrayList<>();
        List<List<double[]>> columns = new ArrayList<>();
        for (String labelled : series) {
            int at = labelled.indexOf('=');
            names.add(labelled.substring(0, at));
            columns.add(Files.readAllLines(Path.of(labelled.substring(at + 1))).stream().skip(1)
                    .map(line -> java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray()).toList());
        }
        int longest = columns.stream().mapToInt(List::size).max().orElse(0);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < longest; i++) {
            double[] row = new double[names.size() + 1];
            for (int s = 0; s < names.size(); s++) {
                List<double[]> column = columns.get(s);
                row[s + 1] = i < column.size() ? column.get(i)[1] : Double.NaN;
                if (i < column.size()) {
                    row[0] = column.get(i)[0];
                }
            }
            rows.add(row);
        }
        LinePlot.write(png, title, "s", "tasks/s", names, rows);
    }

    private static List<Instant> endTimes(JsonNode run) {
        List<Instant> ends = new ArrayList<>();
        run.path("tasks").forEach(task -> {
            if (task.hasNonNull("finished_at")) {
                ends.add(Instant.parse(task.path("finished_at").asText()));
            }
        });
        ends.sort(Comparator.naturalOrder());
        return ends;
    }

    /** seconds since the submit, tasks ended in that 500 ms, as tasks/s, and all ended so far. */
    private static void writeThroughput(Path csv, Instant submitted, List<Instant> ends) throws IOException {
        StringBuilder out = new StringBuilder("seconds,tasks_per_second,tasks_done\n");
        long bucketMillis = 500;
        int done = 0;
        for (long bucket = 0; done < ends.size(); bucket++) {
            Instant bucketEnd = submitted.plusMillis((bucket + 1) * bucketMillis);
            int before = done;
            while (done < ends.size() && ends.get(done).isBefore(bucketEnd)) {
                done++;
            }
            out.append(String.format(java.util.Locale.ROOT, "%.2f,%.1f,%d%n", (bucket + 1) * bucketMillis / 1000.0,
                    (done - before) * 1000.0 / bucketMillis, done));
        }
        Files.createDirectories(csv.toAbsolutePath().getParent());
        Files.writeString(csv, out);
    }

    /**
     * Many runs at once, as many users would submit them. Fair progress means no run waits for the others: when half of
     * all tasks had ended, each run should have about half of its own done.
     */
    private static void concurrent(int runs, int n) throws Exception {
        long start = System.nanoTime();
        Instant submitted = Instant.now();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        try (var submitters = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<String>> pending = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                String name = "bench-concurrent-" + r;
                pending.add(submitters.submit(() -> submit(independent(name, n))));
            }
            for (var future : pending) {
                ids.add(future.get());
            }
        }
        List<JsonNode> ended = new ArrayList<>();
        for (String id : ids) {
            ended.add(awaitEnd(id, Duration.ofMinutes(30)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<List<Instant>> endsByRun = ended.stream().map(SchedulerBench::endTimes).toList();
        List<Instant> all = endsByRun.stream().flatMap(List::stream).sorted().toList();
        Instant half = all.get(all.size() / 2);
        List<Double> shareAtHalf = new ArrayList<>();
        List<Double> runEnd = new ArrayList<>();
        for (List<Instant> ends : endsByRun) {
            shareAtHalf.add(100.0 * ends.stream().filter(end -> !end.isAfter(half)).count() / n);
            runEnd.add(Duration.between(submitted, ends.getLast()).toMillis() / 1000.0);
        }
        shareAtHalf.sort(Comparator.naturalOrder());
        runEnd.sort(Comparator.naturalOrder());
        long succeeded = ended.stream().filter(run -> run.path("status").asText().equals("SUCCEEDED")).count();
        System.out.printf(java.util.Locale.ROOT, "concurrent runs=%d tasks_per_run=%d succeeded_runs=%d seconds=%.2f tasks_per_second=%.1f "
                        + "share_done_at_half_min=%.0f%% p50=%.0f%% max=%.0f%% run_end_s_min=%.1f p50=%.1f max=%.1f%n",
                runs, n, succeeded, seconds, runs * n / seconds, shareAtHalf.getFirst(), shareAtHalf.get(runs / 2), shareAtHalf.getLast(),
                runEnd.getFirst(), runEnd.get(runs / 2), runEnd.getLast());
    }

    private static void chain(int n) throws Exception {
        StringBuilder workflow = new StringBuilder("{\"name\":\"bench-chain\",\"tasks\":[");
        for (int i = 0; i < n; i++) {
            workflow.append(i == 0 ? "" : ",").append("{\"id\":\"t").append(i).append("\",\"command\":[\"true\"]")
                    .append(i == 0 ? "" : ",\"depends_on\":[\"t" + (i - 1) + "\"]").append("}");
        }
        workflow.append("]}");
        long start = System.nanoTime();
        String runId = submit(workflow.toString());
        JsonNode run = awaitEnd(runId, Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> hops = new ArrayList<>();
        JsonNode tasks = run.path("tasks");
        for (int i = 1; i < tasks.size(); i++) {
            Instant previousEnd = Instant.parse(tasks.get(i - 1).path("finished_at").asText());
            Instant nextStart = Instant.parse(tasks.get(i).path("started_at").asText());
            hops.add(Duration.between(previousEnd, nextStart).toNanos() / 1e6);
        }
        hops.sort(Comparator.naturalOrder());
        double mean = hops.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf("chain tasks=%d status=%s seconds=%.2f hop_mean_ms=%.1f hop_p50_ms=%.1f hop_p90_ms=%.1f%n", n,
                run.path("status").asText(), seconds, mean, hops.get(hops.size() / 2), hops.get(hops.size() * 9 / 10));
    }

    /** Submits, waits until the run has work in flight, then hands over to the caller to kill and restart the scheduler. */
    private static void recovery(int n, Path signal) throws Exception {
        StringBuilder workflow = new StringBuilder("{\"name\":\"bench-recovery\",\"tasks\":[");
        for (int i = 0; i < n; i++) {
            workflow.append(i == 0 ? "" : ",").append("{\"id\":\"t").append(i).append("\",\"command\":[\"sleep\",\"1\"]}");
        }
        workflow.append("]}");
        String runId = submit(workflow.toString());
        // Let it get going: some done, many waiting, a full set in flight.
        while (get("/api/v1/runs/" + runId + "/status").path("tasks").path("SUCCEEDED").asLong() < 50) {
            Thread.sleep(200);
        }
        Files.writeString(signal, runId);
        System.out.println("recovery run=" + runId + " ready to kill");
        // The caller kills and restarts the scheduler and writes the kill time (epoch millis) into the file.
        while (!Files.readString(signal).contains(" ")) {
            Thread.sleep(20);
        }
        String[] parts = Files.readString(signal).trim().split(" ");
        Instant killedAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        Instant firstDispatch = null;
        while (firstDispatch == null) {
            try {
                JsonNode run = get("/api/v1/runs/" + runId);
                for (JsonNode task : run.path("tasks")) {
                    if (!task.path("queued_at").isNull()) {
                        Instant queued = Instant.parse(task.path("queued_at").asText());
                        if (queued.isAfter(killedAt) && (firstDispatch == null || queued.isBefore(firstDispatch))) {
                            firstDispatch = queued;
                        }
                    }
                }
            } catch (IOException e) {
                // The gateway is restarting.
            }
            Thread.sleep(100);
        }
        Files.writeString(signal, "done");
        JsonNode counts = get("/api/v1/runs/" + runId + "/status").path("tasks");
        long left = counts.path("READY").asLong() + counts.path("PENDING").asLong();
        System.out.printf("recovery tasks=%d kill_to_first_dispatch_ms=%d first_dispatch=%s still_waiting=%d%n", n,
                Duration.between(killedAt, firstDispatch).toMillis(), firstDispatch, left);
        JsonNode run = awaitEnd(runId, Duration.ofMinutes(30));
        long once = 0;
        for (JsonNode task : run.path("tasks")) {
            once += task.path("status").asText().equals("SUCCEEDED") ? 1 : 0;
        }
        System.out.printf("recovery run_status=%s succeeded=%d of %d%n", run.path("status").asText(), once, n);
    }

    private static String submit(String workflow) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/runs")).header("Authorization", StackCredentials.authorization())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(workflow)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("submission refused: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", StackCredentials.authorization()).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /**
     * Polls the run's status, which costs the gateway two indexed queries, not the run's whole view: a benchmark that
     * fetched every task every 50 ms would slow what it measures. The whole view is fetched once, at the end.
     */
    private static JsonNode awaitEnd(String runId, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                String status = get("/api/v1/runs/" + runId + "/status").path("status").asText();
                if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                    return get("/api/v1/runs/" + runId);
                }
            } catch (IOException e) {
                // The gateway may be restarting.
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("run " + runId + " did not end within " + timeout);
    }
}
