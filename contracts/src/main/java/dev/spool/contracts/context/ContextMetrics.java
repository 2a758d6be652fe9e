package dev.spool.contracts.context;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run's outputs in figures: what PostgreSQL and the bucket hold, how much was cut, pruned, and how relevant. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContextMetrics(
        UUID runId,
        long outputs,
        long keptBytesInDatabase,
        long bytesInObjectStorage,
        long originalBytes,
        long truncatedOutputs,
        double truncationRate,
        long prunedOutputs,
        long prunedBytes,
        long prunePasses,
        Instant lastPrunedAt,
        double averageRelevance,
        List<Largest> largestOutputs,
        List<String> warnings) {

    public ContextMetrics {
        largestOutputs = largestOutputs == null ? List.of() : List.copyOf(largestOutputs);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Largest(String taskId, int attempt, String outputType, long originalBytes, long keptBytes, String externalPath) {
    }
}
