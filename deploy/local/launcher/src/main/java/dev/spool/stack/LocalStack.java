package dev.spool.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts and stops the whole stack: Kafka, PostgreSQL and the S3 server first, then the four services.
 * Starting a stack that already runs starts only what is missing; stopping leaves no process behind.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackConfig config;
    private final PrintStream out;
    private final List<Component> infrastructure;
    private final List<Component> services;
    private final List<Component> extras;
    private final PrometheusServer prometheus;

    public LocalStack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.infrastructure = List.of(new KafkaBroker(config), new PostgresDatabase(config), new S3Server(config));
        this.services = List.copyOf(SpoolService.all(config));
        this.prometheus = new PrometheusServer(config, config.prometheusPort(), SpoolService.all(config));
        List<Component> more = new ArrayList<>(SpoolService.extras(config));
        more.add(prometheus);
        this.extras = List.copyOf(more);
    }

    public void up() {
        up(false);
    }

    /** Everything, and with {@code withPrometheus} a Prometheus scraping it, as {@code up --with-prometheus}. */
    public void up(boolean withPrometheus) {
        StackPrivacy.lockDown(config.dir());
        out.println(StackPrivacy.taskUsers());
        startTier(infrastructure);
        startTier(services);
        if (withPrometheus) {
            startTier(List.of(prometheus));
        }
    }

    public void down() {
        List<Component> reverse = new ArrayList<>(extras);
        reverse.addAll(services.reversed());
        reverse.addAll(infrastructure.reversed());
        for (Component component : reverse) {
            if (process(component).stop(STOP_GRACE)) {
                out.println("stopped " + component.name());
            }
        }
    }

    /** Stops one component by name (SIGTERM, then SIGKILL after the grace), leaving the others running. */
    public void stop(String name) {
        Component component = named(name);
        if (process(component).stop(STOP_GRACE)) {
            out.println("stopped " + component.name());
        }
    }

    /** Starts one component by name, if it is not running, and waits until it is ready. */
    public void start(String name) {
        startTier(List.of(named(name)));
    }

    private Component named(String name) {
        List<Component> known = new ArrayList<>(all());
        known.addAll(extras);
        return known.stream().filter(component -> component.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component named " + name));
    }

    public List<String> status() {
        return all().stream().map(component -> {
            Optional<ProcessHandle> running = process(component).running();
            String state = running.map(handle -> component.isReady() ? "ready" : "starting").orElse("stopped");
            return String.format("%-18s %-9s %-8s %s", component.name(), state,
                    running.map(handle -> Long.toString(handle.pid())).orElse("-"), component.address());
        }).toList();
    }

    @Override
    public void close() {
        down();
    }

    private List<Component> all() {
        List<Component> all = new ArrayList<>(infrastructure);
        all.addAll(services);
        return all;
    }

    private ManagedProcess process(Component component) {
        return new ManagedProcess(component.name(), config);
    }

    /** Starts every component of a tier at once, then waits for each: a tier starts in the time of its slowest. */
    private void startTier(List<Component> tier) {
        List<Component> started = new ArrayList<>();
        for (Component component : tier) {
            ManagedProcess process = process(component);
            if (process.running().isPresent()) {
                continue;
            }
            component.prepare();
            process.start(component.command(), component.environment(), component.workDir());
            started.add(component);
        }
        for (Component component : tier) {
            awaitReady(component);
            if (started.contains(component)) {
                component.afterReady();
            }
            out.printf("%-18s ready   %s%n", component.name(), component.address());
        }
    }

    private void awaitReady(Component component) {
        ManagedProcess process = process(component);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!component.isReady()) {
            if (process.running().isEmpty()) {
                throw new IllegalStateException(component.name() + " exited while starting; last lines of " + process.logFile() + ":\n" + tail(process.logFile()));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(component.name() + " was not ready within " + START_TIMEOUT.toSeconds()
                        + " s; last lines of " + process.logFile() + ":\n" + tail(process.logFile()));
            }
            ManagedProcess.sleep(Duration.ofMillis(250));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
