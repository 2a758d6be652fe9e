package dev.spool.contracts.context;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.UUID;

/**
 * What a task's context is made of, resolved by the scheduler from the workflow: it travels in the dispatch, and the
 * worker hands it to the state-service, which builds the document from the run's recorded outputs.
 *
 * @param mode             {@code automatic} (by relevance) or {@code manual} (by {@code include} and {@code exclude})
 * @param sources          the task's ancestors within reach, scored by the graph
 * @param agent            the task's {@code agent} label: outputs of tasks with the same label score 0.5
 * @param windowMillis     outputs that completed this recently score 0.3; null for no recency rule
 * @param ownIterations    a loop: its own earlier iterations are sources, the latest scoring 1.0
 * @param includeUnrelated {@code min_relevance: 0}: any other output of the run may fill what is left
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContextRequest(
        UUID runId,
        String taskId,
        int attempt,
        String mode,
        String format,
        boolean stdin,
        long maxBytes,
        int maxTasks,
        Integer maxTokens,
        double minRelevance,
        Long windowMillis,
        String agent,
        List<ContextSource> sources,
        List<String> include,
        List<String> exclude,
        boolean ownIterations,
        boolean includeUnrelated) {

    public static final String AUTOMATIC = "automatic";
    public static final String MANUAL = "manual";
    public static final String TEXT = "text";
    public static final String JSON = "json";

    public ContextRequest {
        mode = mode == null ? AUTOMATIC : mode;
        format = format == null ? TEXT : format;
        sources = sources == null ? List.of() : List.copyOf(sources);
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    /** The same request for another attempt of the task. */
    public ContextRequest forAttempt(UUID run, int attemptNumber) {
        return new ContextRequest(run, taskId, attemptNumber, mode, format, stdin, maxBytes, maxTasks, maxTokens, minRelevance,
                windowMillis, agent, sources, include, exclude, ownIterations, includeUnrelated);
    }
}
