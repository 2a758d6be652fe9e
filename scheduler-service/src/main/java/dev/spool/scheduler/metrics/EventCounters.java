package dev.spool.scheduler.metrics;

import dev.spool.contracts.Topics;
import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.RunStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The counters of events that may not happen for a long time (a lease expiring, a dead letter), registered at start
 * at zero: a counter Micrometer meets only at its first increment has no series until then, so rate() and increase()
 * over it, the dashboards and the alerts, would see nothing rather than 0. docs/metrics.md describes each.
 */
@ApplicationScoped
public class EventCounters implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : List.of("spool.scheduler.runs.submitted", "spool.scheduler.runs.cancelled", "spool.scheduler.runs.deleted",
                "spool.scheduler.tasks.dispatched", "spool.scheduler.tasks.rerun", "spool.scheduler.tasks.quarantined",
                "spool.scheduler.results.ignored", "spool.scheduler.attempts.republished")) {
            registry.counter(name);
        }
        for (RunStatus status : List.of(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED)) {
            registry.counter("spool.scheduler.runs.finished", "status", status.name());
        }
        for (TaskStatus status : List.of(TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.SKIPPED, TaskStatus.CANCELLED)) {
            registry.counter("spool.scheduler.tasks.finished", "status", status.name());
        }
        for (TaskStatus status : List.of(TaskStatus.LOST, TaskStatus.TIMED_OUT)) {
            registry.counter("spool.scheduler.leases.expired", "status", status.name());
        }
        for (String topic : Topics.ALL) {
            registry.counter("spool.scheduler.dead.letters", "topic", topic);
        }
    }
}
