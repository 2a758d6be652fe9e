package dev.spool.storage.sweep;

import dev.spool.contracts.storage.SweepReport;
import dev.spool.storage.client.StateClient;
import dev.spool.storage.config.StorageConfig;
import dev.spool.storage.service.BucketLifecycle;
import dev.spool.storage.service.OutputStore;
import dev.spool.storage.service.StorageUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the bucket to what the records point at, on a timer of its own thread and on request: expired outputs and
 * orphans go, the rest stays (see {@link SweepPass}). One pass at a time per replica; a second replica's pass does
 * the same deletions again, which is harmless.
 */
@ApplicationScoped
public class BucketSweeper {

    private static final Logger LOG = Logger.getLogger(BucketSweeper.class);
    private static final String PREFIX = "runs/";

    private final OutputStore store;
    private final StateClient state;
    private final SweepDeletions deletions;
    private final BucketLifecycle lifecycle;
    private final StorageConfig config;
    private final MeterRegistry metrics;
    private final ReentrantLock running = new ReentrantLock();
    private volatile SweepReport last;
    private volatile Instant runningSince;
    private ScheduledExecutorService timer;

    public BucketSweeper(OutputStore store, @RestClient StateClient state, SweepDeletions deletions, BucketLifecycle lifecycle,
                         StorageConfig config, MeterRegistry metrics) {
        this.store = store;
        this.state = state;
        this.deletions = deletions;
        this.lifecycle = lifecycle;
        this.config = config;
        this.metrics = metrics;
        metrics.gauge("spool.storage.sweeper.last.pass.seconds", this, sweeper -> sweeper.last == null ? 0
                : sweeper.last.finishedAt().getEpochSecond());
    }

    void start(@Observes StartupEvent event) {
        if (!config.sweeper().enabled()) {
            LOG.info("the bucket sweeper is off (spool.storage.sweeper.enabled=false): passes run only when asked for");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform().name("spool-sweeper").daemon().unstarted(runnable));
        long every = config.sweeper().interval().toMillis();
        timer.scheduleWithFixedDelay(this::sweepOnTimer, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sweepOnTimer() {
        try {
            sweep(config.sweeper().dryRun());
        } catch (SweepRunningException e) {
            LOG.debug("a pass asked for through the API is running; the timer's pass is skipped");
        } catch (Throwable e) {
            LOG.warnf(e, "sweep failed; trying again in %s", config.sweeper().interval());
        }
    }

    public SweepReport last() {
        return last;
    }

    /** Runs one pass now, on the caller's thread, and answers what it did. */
    public SweepReport sweep(boolean dryRun) {
        if (!running.tryLock()) {
            throw new SweepRunningException("a sweep of bucket " + config.bucket() + " is running since " + runningSince
                    + "; see GET /api/v1/storage/sweeps/last when it is done");
        }
        try {
            Instant now = Instant.now();
            runningSince = now;
            try {
                lifecycle.applyIfUnknown();
            } catch (StorageUnavailableException e) {
                LOG.debugf("the lifecycle rule is still not set: %s", e.getMessage());
            }
            Instant expiredBefore = config.retentionDays() == 0 ? null : now.minus(Duration.ofDays(config.retentionDays()));
            Timer.Sample timing = Timer.start(metrics);
            SweepReport report = new SweepPass(store, state, deletions, dryRun, now, expiredBefore, now.minus(config.sweeper().grace()),
                    Math.clamp(config.sweeper().batchSize(), 1, 1000)).run(PREFIX);
            timing.stop(metrics.timer("spool.storage.sweeper.pass", "dry_run", Boolean.toString(dryRun)));
            count(report);
            last = report;
            if (report.expired() + report.orphaned() > 0 || report.error() != null) {
                LOG.infof("sweep%s: %d outputs scanned, %d expired and %d orphaned %s, %d failed%s", dryRun ? " (dry run)" : "", report.scanned(),
                        report.expired(), report.orphaned(), dryRun ? "would be deleted" : "deleted", report.failed(),
                        report.error() == null ? "" : "; " + report.error());
            }
            return report;
        } finally {
            runningSince = null;
            running.unlock();
        }
    }

    private void count(SweepReport report) {
        String dryRun = Boolean.toString(report.dryRun());
        metrics.counter("spool.storage.sweeper.scanned", "dry_run", dryRun).increment(report.scanned());
        outcome("expired", report.expired(), dryRun);
        outcome("orphaned", report.orphaned(), dryRun);
        outcome("referenced", report.referenced(), dryRun);
        outcome("young", report.young(), dryRun);
        outcome("unchecked", report.unchecked(), dryRun);
        outcome("failed", report.failed(), dryRun);
    }

    private void outcome(String outcome, long count, String dryRun) {
        metrics.counter("spool.storage.sweeper.objects", "outcome", outcome, "dry_run", dryRun).increment(count);
    }
}
