package dev.spool.contracts.context;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.UUID;

/**
 * What the state-service warns a run of (near its budgets, pruning that removes more than it keeps), each with the
 * setting to change: the gateway shows them in the run's own {@code warnings}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunWarnings(UUID runId, List<String> warnings) {

    public RunWarnings {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
