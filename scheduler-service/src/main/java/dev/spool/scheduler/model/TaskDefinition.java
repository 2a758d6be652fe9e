package dev.spool.scheduler.model;

import dev.spool.contracts.OutputLimits;
import dev.spool.contracts.ResourceLimits;
import dev.spool.contracts.TaskCommand;
import dev.spool.contracts.TaskTimeout;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a task runs, under which limits, and how the scheduler treats it; resolved at submission (defaults
 * applied) and kept with the task.
 *
 * @param rateLimitPerSecond  dispatches per second allowed to the task's concurrency group, or 0 for no limit
 * @param standby             the task runs only as another task's {@code run_alternative}
 * @param secretRefs          env name → the name of a secret the worker resolves; no value is stored
 * @param contextRequest      what the task's context is made of, resolved from the graph; null when it gets none
 */
public record TaskDefinition(
        TaskCommand command,
        Map<String, String> env,
        Set<String> secretEnv,
        OutputLimits limits,
        TaskTimeout timeout,
        ResourceLimits resources,
        List<Integer> successExitCodes,
        boolean keepWorkDir,
        List<Dependency> dependencies,
        DependencyStrategy dependencyStrategy,
        String when,
        LoopPolicy loop,
        RetryPolicy retry,
        long scheduleToStartMillis,
        int priority,
        String concurrencyKey,
        int maxConcurrency,
        double rateLimitPerSecond,
        ContextPolicy context,
        String agent,
        boolean standby,
        Map<String, String> secretRefs,
        dev.spool.contracts.context.ContextRequest contextRequest) {

    public TaskDefinition {
        secretEnv = secretEnv == null ? Set.of() : secretEnv;
        dependencies = dependencies == null ? List.of() : dependencies;
        dependencyStrategy = dependencyStrategy == null ? DependencyStrategy.ALL_REQUIRED : dependencyStrategy;
        retry = retry == null ? RetryPolicy.NONE : retry;
        context = context == null ? ContextPolicy.NONE : context;
        secretRefs = secretRefs == null ? Map.of() : secretRefs;
    }

    public TaskDefinition withContextRequest(dev.spool.contracts.context.ContextRequest request) {
        return new TaskDefinition(command, env, secretEnv, limits, timeout, resources, successExitCodes, keepWorkDir, dependencies,
                dependencyStrategy, when, loop, retry, scheduleToStartMillis, priority, concurrencyKey, maxConcurrency, rateLimitPerSecond,
                context, agent, standby, secretRefs, request);
    }

    public TaskDefinition withEnv(Map<String, String> newEnv) {
        return new TaskDefinition(command, newEnv, secretEnv, limits, timeout, resources, successExitCodes, keepWorkDir, dependencies,
                dependencyStrategy, when, loop, retry, scheduleToStartMillis, priority, concurrencyKey, maxConcurrency, rateLimitPerSecond,
                context, agent, standby, secretRefs, contextRequest);
    }

    public List<String> dependsOn() {
        return dependencies.stream().map(Dependency::task).toList();
    }
}
