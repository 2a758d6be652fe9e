package dev.spool.contracts.context;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.UUID;

/** What a pruning pass removed, or with {@code dry_run} would remove, and what it kept because a task still needs it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PruneReport(UUID runId, boolean dryRun, String strategy, int keepCount, long considered, long kept,
                          long protectedOutputs, long pruned, long prunedBytes, long objectsToDelete, List<Pruned> outputs) {

    public PruneReport {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** One pruned output; the report lists at most the first 100. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pruned(String taskId, int attempt, String outputType, long keptBytes, double relevanceScore) {
    }
}
