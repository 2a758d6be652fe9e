package dev.spool.scheduler.dispatch;

import dev.spool.scheduler.client.StateClient;
import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.service.AuditLog;
import dev.spool.scheduler.service.DefinitionCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * On the leader, deletes runs that finished longer ago than {@code retention.max-age}: first their outputs, through
 * the state-service (which deletes the stored objects, then its records), then the run with its tasks and attempts.
 * A run whose outputs cannot be deleted now is kept and tried again at the next sweep.
 */
@ApplicationScoped
public class RetentionSweeper {

    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);
    private static final int RUNS_PER_SWEEP = 200;

    private final StateClient state;
    private final RunRepository runs;
    private final LeaderElection leadership;
    private final SchedulerConfig config;
    private final DefinitionCache definitions;
    private final InstantSource clock;
    private final MeterRegistry metrics;
    private final AuditLog audit;
    private ScheduledExecutorService timer;

    public RetentionSweeper(@RestClient StateClient state, LeaderElection leadership, SchedulerConfig config, DefinitionCache definitions,
                            RunRepository runs, InstantSource clock, MeterRegistry metrics, AuditLog audit) {
        this.runs = runs;
        this.state = state;
        this.leadership = leadership;
        this.config = config;
        this.definitions = definitions;
        this.clock = clock;
        this.metrics = metrics;
        this.audit = audit;
    }

    void start(@Observes StartupEvent event) {
        if (config.retention().maxAge().isZero()) {
            LOG.info("retention is off (spool.scheduler.retention.max-age=0): finished runs are kept");
        }
        if (config.retention().auditMaxAge().isZero()) {
            LOG.info("audit retention is off (spool.scheduler.retention.audit-max-age=0): the audit log is kept whole");
        }
        if (config.retention().maxAge().isZero() && config.retention().auditMaxAge().isZero()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform().name("spool-retention").daemon().unstarted(runnable));
        long every = config.retention().interval().toMillis();
        timer.scheduleWithFixedDelay(this::sweepSafely, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sweepSafely() {
        try {
            if (leadership.isLeader()) {
                if (!config.retention().maxAge().isZero()) {
                    sweep();
                }
                if (!config.retention().auditMaxAge().isZero()) {
                    sweepAudit();
                }
            }
        } catch (Throwable e) {
            LOG.warnf(e, "retention sweep failed; trying again in %s", config.retention().interval());
        }
    }

    /** @return how many runs were deleted */
    public int sweep() throws Throwable {
        Instant cutoff = clock.instant().minus(config.retention().maxAge());
        List<UUID> expired = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                runs.finishedBefore(cutoff, RUNS_PER_SWEEP)));
        int deleted = 0;
        for (UUID runId : expired) {
            try {
                state.deleteRun(runId).await().atMost(Duration.ofMinutes(2));
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> runs.deleteById(runId)));
                definitions.forget(runId);
                deleted++;
            } catch (RuntimeException e) {
                LOG.warnf("run %s is past retention but its outputs could not be deleted (%s); it is kept until the next sweep", runId, e.getMessage());
            }
        }
        if (deleted > 0) {
            LOG.infof("retention: deleted %d runs that finished before %s, with their outputs", deleted, cutoff);
            metrics.counter("spool.scheduler.runs.deleted").increment(deleted);
        }
        return deleted;
    }

    /** The audit log has its own retention, apart from runs': its entries outlive the runs they name. */
    private void sweepAudit() throws Throwable {
        Instant cutoff = clock.instant().minus(config.retention().auditMaxAge());
        long deleted = VertxContextSupport.subscribeAndAwait(() -> audit.deleteBefore(cutoff));
        if (deleted > 0) {
            LOG.infof("audit retention: deleted %d entries from before %s", deleted, cutoff);
        }
    }
}
