package dev.spool.storage.metrics;

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
        for (String name : List.of("spool.storage.objects.stored", "spool.storage.bytes.stored", "spool.storage.original.bytes.stored",
                "spool.storage.uploads.damaged", "spool.storage.uploads.interrupted", "spool.storage.corrupt.blocks",
                "spool.storage.ranged.reads", "spool.storage.ranged.read.bytes", "spool.storage.objects.deleted",
                "spool.storage.downloads.presigned")) {
            registry.counter(name);
        }
        registry.counter("spool.storage.sweeper.scanned", "dry_run", "false");
        for (String outcome : List.of("expired", "orphaned", "referenced", "young", "unchecked", "failed")) {
            registry.counter("spool.storage.sweeper.objects", "outcome", outcome, "dry_run", "false");
        }
    }
}
