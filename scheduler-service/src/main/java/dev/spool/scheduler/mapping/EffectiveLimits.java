package dev.spool.scheduler.mapping;

import dev.spool.contracts.OutputLimits;
import dev.spool.contracts.ResourceLimits;
import dev.spool.contracts.TaskTimeout;
import dev.spool.scheduler.model.ContextPolicy;
import dev.spool.scheduler.model.TaskDefinition;

/**
 * What a task will run under, every default applied: its output limits, its context budget (with how many upstream
 * tasks its graph offers), its timeout and its resources.
 */
public record EffectiveLimits(OutputLimits output, Context context, TaskTimeout timeout, ResourceLimits resources) {

    /** @param upstreamSources the ancestors within reach of its {@code min_relevance}, before labels and recency */
    public record Context(String mode, long maxBytes, int maxTasks, Integer maxTokens, double minRelevance, Long windowMillis,
                          String format, boolean stdin, int upstreamSources) {
    }

    public static EffectiveLimits of(TaskDefinition definition) {
        ContextPolicy policy = definition.context();
        Context context = new Context(policy.mode().wireName(), policy.maxBytes(), policy.maxTasks(), policy.maxTokens(),
                policy.minRelevance(), policy.windowMillis(), policy.format(), policy.stdin(),
                definition.contextRequest() == null ? 0 : definition.contextRequest().sources().size());
        return new EffectiveLimits(definition.limits(), context, definition.timeout(), definition.resources());
    }
}
