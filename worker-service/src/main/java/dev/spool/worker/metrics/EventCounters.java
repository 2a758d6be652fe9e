package dev.spool.worker.metrics;

import dev.spool.contracts.TaskStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The counters of events that may not happen for a long time (a failed delete, a damaged upload), registered at start
 * at zero: a counter Micrometer meets only at its first increment has no series until then, so rate() and increase()
 * over it, the dashboards and the alerts, would see nothing rather than 0. docs/metrics.md describes each.
 */
@ApplicationScoped
public class EventCounters implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : List.of("spool.worker.stored.bytes", "spool.worker.timeout.warnings", "spool.worker.kept.text.stored",
                "spool.worker.kept.text.inlined")) {
            registry.counter(name);
        }
        for (String stream : List.of("stdout", "stderr")) {
            registry.counter("spool.worker.output.bytes", "stream", stream);
        }
        for (TaskStatus status : TaskStatus.values()) {
            if (status.isTerminal() && status != TaskStatus.SKIPPED) {
                registry.counter("spool.worker.attempts", "status", status.name());
            }
        }
    }
}
