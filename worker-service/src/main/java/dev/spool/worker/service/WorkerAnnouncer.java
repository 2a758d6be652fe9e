package dev.spool.worker.service;

import dev.spool.contracts.WorkerStatus;
import dev.spool.worker.config.WorkerConfig;
import dev.spool.worker.messaging.WorkerEvents;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the scheduler, at start and every heartbeat interval, how many attempts this worker can run; and, when it
 * stops, that it takes no more. The scheduler keeps no more work in flight than the live workers can take.
 */
@ApplicationScoped
public class WorkerAnnouncer {

    private static final Logger LOG = Logger.getLogger(WorkerAnnouncer.class);

    private final WorkerConfig config;
    private final WorkerIdentity identity;
    private final TaskExecutor executor;
    private final WorkerEvents events;
    private ScheduledExecutorService timer;

    private final String address;

    public WorkerAnnouncer(WorkerConfig config, WorkerIdentity identity, TaskExecutor executor, WorkerEvents events,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.port") int httpPort) {
        this.address = config.advertisedUrl().orElseGet(() -> "http://" + hostName() + ":" + httpPort);
        this.config = config;
        this.identity = identity;
        this.executor = executor;
        this.events = events;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform().name("spool-announcer").daemon().unstarted(runnable));
        timer.scheduleWithFixedDelay(this::announce, 0, config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Before the executor drains, so the scheduler stops sending work as early as it can. */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            events.announce(new WorkerStatus(identity.id(), 0, executor.running(), true, Instant.now(), address));
        } catch (RuntimeException e) {
            LOG.debugf(e, "could not announce that this worker stops");
        }
    }

    private void announce() {
        try {
            events.announce(new WorkerStatus(identity.id(), executor.capacity(), executor.running(), executor.draining(), Instant.now(), address));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not announce this worker's capacity; the scheduler counts it until its announcements time out");
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
