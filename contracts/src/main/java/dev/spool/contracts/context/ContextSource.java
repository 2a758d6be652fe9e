package dev.spool.contracts.context;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An upstream task whose output may enter a context, with its score from the graph and why. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContextSource(String taskId, double relevance, String reason) {
}
