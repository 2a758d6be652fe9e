package dev.spool.scheduler.service;

import dev.spool.contracts.context.RunWarnings;
import dev.spool.scheduler.client.StateClient;
import dev.spool.scheduler.mapping.RunView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A run as {@code GET /api/v1/runs/{id}} shows it: the scheduler's view, with what the state-service warns of its
 * outputs (near its budgets, pruning that removes more than it keeps) in the run's own warnings.
 */
@ApplicationScoped
public class RunViews {

    private static final Logger LOG = Logger.getLogger(RunViews.class);
    private static final Duration STATE_WAIT = Duration.ofSeconds(1);

    private final RunQueries queries;
    private final StateClient state;

    public RunViews(RunQueries queries, @RestClient StateClient state) {
        this.queries = queries;
        this.state = state;
    }

    public Uni<RunView> of(UUID runId) {
        return queries.view(runId).chain(view -> outputWarnings(runId).map(view::withWarnings));
    }

    /** Warnings are advice and the run's state is not: a slow or absent state-service leaves them out, never the run. */
    private Uni<List<String>> outputWarnings(UUID runId) {
        return state.warnings(runId).map(RunWarnings::warnings)
                .ifNoItem().after(STATE_WAIT).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("the state-service's warnings of run %s are left out: %s", runId, failure.getMessage());
                    return List.of();
                });
    }
}
