package dev.spool.state.metrics;

import dev.spool.contracts.OutputType;
import dev.spool.contracts.TaskStatus;
import dev.spool.contracts.TruncationStrategy;
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
        for (String name : List.of("spool.state.kept.bytes", "spool.state.stored.bytes", "spool.state.results.duplicate",
                "spool.state.pruned.bytes", "spool.state.objects.deleted", "spool.state.objects.delete.failures",
                "spool.state.context.omitted", "spool.state.context.at.budget")) {
            registry.counter(name);
        }
        for (TruncationStrategy strategy : TruncationStrategy.values()) {
            registry.counter("spool.state.outputs.truncated", "strategy", strategy.wireName());
        }
        for (OutputType type : OutputType.values()) {
            registry.counter("spool.state.outputs.pruned", "strategy", type.wireName());
        }
        for (TaskStatus status : TaskStatus.values()) {
            if (status.isTerminal() && status != TaskStatus.SKIPPED) {
                registry.counter("spool.state.outputs.recorded", "status", status.name());
            }
        }
    }
}
