package dev.spool.contracts.context;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the tasks of a run still to run need of its outputs, as the scheduler knows it: asked by the state-service
 * before it prunes or rescores.
 *
 * @param cleanup   the run's {@code cleanup_strategy}, or null when it prunes only on request
 * @param relevance each task's highest relevance to a task still to run
 * @param needed    tasks whose latest output a task still to run may put in its context
 * @param unfinished tasks still to run: a loop's next iteration reads its own latest output
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunNeeds(UUID runId, boolean ended, CleanupPolicy cleanup, Map<String, Double> relevance, Set<String> needed,
                       Set<String> unfinished) {

    public RunNeeds {
        relevance = relevance == null ? Map.of() : Map.copyOf(relevance);
        needed = needed == null ? Set.of() : Set.copyOf(needed);
        unfinished = unfinished == null ? Set.of() : Set.copyOf(unfinished);
    }
}
