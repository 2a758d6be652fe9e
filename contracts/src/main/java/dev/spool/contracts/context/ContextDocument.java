package dev.spool.contracts.context;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The context a task gets: {@code content} is what the worker writes to {@code SPOOL_CONTEXT_FILE}, in the task's
 * format; the rest says what went in, what was left out and why ({@code omitted} lists the first 100 of the
 * {@code omitted_outputs}). {@code delivered} tells the document a task received from one built to show what it would
 * receive now.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContextDocument(
        UUID runId,
        String taskId,
        int attempt,
        String format,
        String content,
        long bytes,
        Integer tokens,
        Budget budget,
        List<Entry> entries,
        List<Omitted> omitted,
        long omittedOutputs,
        Instant builtAt,
        boolean delivered) {

    public ContextDocument {
        entries = entries == null ? List.of() : List.copyOf(entries);
        omitted = omitted == null ? List.of() : List.copyOf(omitted);
    }

    /** The document of a task that gets no context ({@code mode: none}, {@code inject_context: false}). */
    public static ContextDocument none(UUID runId, String taskId) {
        return new ContextDocument(runId, taskId, 0, ContextRequest.TEXT, "", 0, null, null, List.of(),
                List.of(new Omitted(null, 0, null, 0, "the task gets no context: its context mode is none, or inject_context is false")),
                0, null, false);
    }

    public ContextDocument asDelivered() {
        return new ContextDocument(runId, taskId, attempt, format, content, bytes, tokens, budget, entries, omitted, omittedOutputs,
                builtAt, true);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Budget(long maxBytes, int maxTasks, Integer maxTokens, double minRelevance) {
    }

    /**
     * One output in the document. {@code shortened} says that it was cut again to fit the budget, beyond what capture
     * kept; {@code full_output} is the key of the stored full copy, when there is one.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(String taskId, int attempt, String outputType, String status, Integer exitCode, double relevance,
                        String reason, long originalBytes, long keptBytes, long includedBytes, boolean truncated,
                        boolean shortened, String fullOutput) {
    }

    /** An output that qualified but did not go in, and why (a budget, or a record pruned before). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Omitted(String taskId, int attempt, String outputType, double relevance, String reason) {
    }
}
