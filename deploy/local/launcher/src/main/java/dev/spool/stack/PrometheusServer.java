package dev.spool.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prometheus scraping the stack's services with Spool's alert rules ({@code deploy/prometheus/alerts.yml}), so that a
 * user can try the dashboards' queries on the local stack: {@code deploy/local/stack up --with-prometheus}. It is
 * Debian's or the user's own binary ({@code apt-get install prometheus}), not a download of the stack's.
 */
record PrometheusServer(StackConfig config, int port, List<SpoolService> services) implements Component {

    static final int DEFAULT_PORT = 19090;

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public String address() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public Path workDir() {
        return config.dir().resolve("prometheus");
    }

    @Override
    public void prepare() {
        try {
            Path dir = Files.createDirectories(workDir());
            Files.writeString(dir.resolve("prometheus.yml"), scrapeConfig());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Prometheus in " + workDir(), e);
        }
    }

    /** deploy/prometheus/prometheus.yml's jobs, with this stack's ports and workers. */
    String scrapeConfig() {
        List<String> lines = new ArrayList<>(List.of(
                "# Written by deploy/local/stack from the stack's ports; deploy/prometheus/prometheus.yml is the same for the defaults.",
                "global:",
                "  scrape_interval: 5s",
                "  evaluation_interval: 5s",
                "rule_files:",
                "  - " + config.home().resolve("deploy/prometheus/alerts.yml"),
                "scrape_configs:"));
        for (String service : List.of("scheduler", "worker", "state", "storage")) {
            lines.add("  - job_name: spool-" + service);
            lines.add("    metrics_path: /q/metrics");
            lines.add("    static_configs:");
            for (SpoolService spool : services) {
                if (spool.module().equals(service + "-service")) {
                    lines.add("      - targets: ['127.0.0.1:" + spool.port() + "']");
                    lines.add("        labels: {service: " + service + ", instance: " + spool.name() + "}");
                }
            }
        }
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    public List<String> command() {
        String binary = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/bin", "/usr/local/bin"))
                .map(dir -> Path.of(dir, "prometheus")).filter(Files::isExecutable).findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("no prometheus on PATH: install it (Debian: apt-get install prometheus) "
                        + "or put its binary on PATH, then run up --with-prometheus again"));
        return List.of(binary, "--config.file=" + workDir().resolve("prometheus.yml"),
                "--storage.tsdb.path=" + workDir().resolve("data"), "--storage.tsdb.retention.time=7d",
                "--web.listen-address=127.0.0.1:" + port, "--web.enable-lifecycle");
    }

    @Override
    public boolean isReady() {
        return Component.answersOk(address() + "/-/ready");
    }
}
