package dev.spool.worker.service;

import dev.spool.contracts.ResourceUsage;
import dev.spool.contracts.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a worker's share of a task's hop goes, phase by phase, as {@code spool_worker_attempt_phase_seconds{phase}}:
 * what an operator reads when short tasks take long between dispatch and result. Also the two that users feel, as
 * histograms with buckets (for quantiles over many workers): how long an attempt took from its claim to its process
 * running ({@code spool_worker_dispatch_latency_seconds}), and how long its process ran
 * ({@code spool_worker_task_duration_seconds{status}}), with the CPU and peak memory of its process tree.
 */
@ApplicationScoped
public class AttemptTimings {

    private final Timer delivery;
    private final Timer preparation;
    private final Timer launch;
    private final Timer wrapUp;
    private final Timer report;
    private final Timer dispatchLatency;
    private final Map<TaskStatus, Timer> taskDuration = new EnumMap<>(TaskStatus.class);
    private final Counter taskCpu;
    private final DistributionSummary taskRss;

    public AttemptTimings(MeterRegistry metrics) {
        this.delivery = phase(metrics, "delivery", "From the scheduler's claim to the dispatch reaching this worker");
        this.preparation = phase(metrics, "preparation", "From a slot to the process being started: directory, script, context, spool files");
        this.launch = phase(metrics, "launch", "Starting the process (the fork and execs of its launcher)");
        this.wrapUp = phase(metrics, "wrap_up", "From the process's exit to its result being ready: output ends, usage, uploads");
        this.report = phase(metrics, "report", "Publishing the result until Kafka acknowledges it");
        this.dispatchLatency = Timer.builder("spool.worker.dispatch.latency")
                .description("From the scheduler's claim of an attempt to its process running on this worker: Kafka, a free slot, preparation, launch")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(30))
                .register(metrics);
        this.taskCpu = Counter.builder("spool.worker.task.cpu").baseUnit("seconds")
                .description("CPU (user and system) that attempts' process trees used, counted as each attempt ends").register(metrics);
        this.taskRss = DistributionSummary.builder("spool.worker.task.peak.rss").baseUnit("bytes")
                .description("The peak resident memory of each attempt's process tree").publishPercentileHistogram()
                .minimumExpectedValue(1024.0 * 1024).maximumExpectedValue(64.0 * 1024 * 1024 * 1024).register(metrics);
        // Registered for every status at start, so that a rate over any of them has a series from the first scrape.
        for (TaskStatus status : TaskStatus.values()) {
            taskDuration.put(status, Timer.builder("spool.worker.task.duration").tag("status", status.name())
                    .description("How long an attempt's process ran, from its start to its exit, by the attempt's outcome")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(24))
                    .register(metrics));
        }
    }

    private static Timer phase(MeterRegistry metrics, String phase, String description) {
        return Timer.builder("spool.worker.attempt.phase").tag("phase", phase).description(description)
                .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10)).register(metrics);
    }

    /** The attempt's process runs: {@code dispatchedAt} is the scheduler's claim, on the scheduler's clock. */
    public void started(Instant dispatchedAt, Instant startedAt) {
        if (dispatchedAt == null) {
            return;
        }
        Duration latency = Duration.between(dispatchedAt, startedAt);
        if (!latency.isNegative()) {
            dispatchLatency.record(latency);
        }
    }

    public void ran(TaskStatus status, long fromNanos, long toNanos, ResourceUsage usage) {
        taskDuration.get(status).record(toNanos - fromNanos, TimeUnit.NANOSECONDS);
        if (usage != null) {
            taskCpu.increment((usage.userCpuMillis() + usage.systemCpuMillis()) / 1000.0);
            if (usage.peakRssBytes() > 0) {
                taskRss.record(usage.peakRssBytes());
            }
        }
    }

    public void delivered(Instant dispatchedAt) {
        Duration waited = Duration.between(dispatchedAt, Instant.now());
        if (!waited.isNegative()) {
            delivery.record(waited);
        }
    }

    public void prepared(long fromNanos, long toNanos) {
        preparation.record(toNanos - fromNanos, TimeUnit.NANOSECONDS);
    }

    public void launched(long fromNanos, long toNanos) {
        launch.record(toNanos - fromNanos, TimeUnit.NANOSECONDS);
    }

    public void wrappedUp(long fromNanos, long toNanos) {
        wrapUp.record(toNanos - fromNanos, TimeUnit.NANOSECONDS);
    }

    public void reported(long fromNanos, long toNanos) {
        report.record(toNanos - fromNanos, TimeUnit.NANOSECONDS);
    }
}
