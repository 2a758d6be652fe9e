package dev.spool.scheduler.dispatch;

import dev.spool.scheduler.config.SchedulerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Only one scheduler replica dispatches: the one holding a PostgreSQL session-level advisory lock. The lock lives
 * as long as the holder's connection, so when a leader dies (even by {@code kill -9}) PostgreSQL drops it and
 * another replica takes it at its next poll. Every replica serves the API and applies events either way.
 */
@ApplicationScoped
public class LeaderElection {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    private final DataSource dataSource;
    private final SchedulerConfig config;
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean leader;
    private Connection connection;
    private ScheduledExecutorService executor;

    public LeaderElection(DataSource dataSource, SchedulerConfig config, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.config = config;
        metrics.gauge("spool.scheduler.leader", this, election -> election.leader ? 1 : 0);
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform().name("spool-leader").daemon().unstarted(runnable));
        executor.scheduleWithFixedDelay(this::poll, 0, config.leader().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
        leader = false;
        if (connection != null) {
            // The pool keeps the physical connection, and the lock with it: give the lock back first.
            try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock_all()")) {
                statement.execute();
            } catch (SQLException e) {
                LOG.debugf(e, "could not release the leader lock; it goes with the connection");
            }
        }
        closeConnection();
    }

    public boolean isLeader() {
        return leader;
    }

    /** Changes each time this replica becomes the leader, so the dispatcher knows to rebuild its state. */
    public long epoch() {
        return epoch.get();
    }

    private void poll() {
        try {
            if (connection == null || !connection.isValid(2)) {
                if (leader) {
                    LOG.warn("lost the connection that holds the leader lock; no longer dispatching");
                    leader = false;
                }
                closeConnection();
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
            }
            if (!leader) {
                try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                    statement.setLong(1, config.leader().lockKey());
                    try (ResultSet result = statement.executeQuery()) {
                        if (result.next() && result.getBoolean(1)) {
                            epoch.incrementAndGet();
                            leader = true;
                            LOG.info("this replica is now the leader: it dispatches, watches leases and applies retention");
                        }
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (leader) {
                LOG.warnf(e, "leader lock check failed; no longer dispatching");
            } else {
                LOG.debugf(e, "leader lock check failed");
            }
            leader = false;
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The connection is being dropped either way.
            }
            connection = null;
        }
    }
}
