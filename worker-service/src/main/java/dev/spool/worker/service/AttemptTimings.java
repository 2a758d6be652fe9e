package dev.spool.worker.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where a worker's share of a task's hop goes, phase by phase, as {@code spool_worker_attempt_phase_seconds{phase}}:
 * what an operator reads when short tasks take long between dispatch and result.
 */
@ApplicationScoped
public class AttemptTimings {

    private final Timer delivery;
    private final Timer preparation;
    private final Timer launch;
    private final Timer wrapUp;
    private final Timer report;

    public AttemptTimings(MeterRegistry metrics) {
        this.delivery = phase(metrics, "delivery", "From the scheduler's claim to the dispatch reaching this worker");
        this.preparation = phase(metrics, "preparation", "From a slot to the process being started: directory, script, context, spool files");
        this.launch = phase(metrics, "launch", "Starting the process (the fork and execs of its launcher)");
        this.wrapUp = phase(metrics, "wrap_up", "From the process's exit to its result being ready: output ends, usage, uploads");
        this.report = phase(metrics, "report", "Publishing the result until Kafka acknowledges it");
    }

    private static Timer phase(MeterRegistry metrics, String phase, String description) {
        return Timer.builder("spool.worker.attempt.phase").tag("phase", phase).description(description)
                .publishPercentiles(0.5, 0.9, 0.99).register(metrics);
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
