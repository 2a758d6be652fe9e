package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.spool.contracts.OutputLimits;
import dev.spool.contracts.ResourceLimits;
import dev.spool.contracts.TaskCommand;
import dev.spool.contracts.TaskTimeout;

import java.util.List;
import java.util.Map;

/**
 * One task of a workflow. Exactly one of {@code command} (an argv list, or a string run by {@code sh -c}),
 * {@code script} (run by {@code sh -e}) and {@code platform_commands} (one command per worker OS) is given.
 * Fields left out take the workflow's {@code defaults}.
 */
public record TaskSpec(
        String id,
        @JsonDeserialize(using = CommandDeserializer.class) TaskCommand command,
        String script,
        PlatformCommandsSpec platformCommands,
        List<DependencySpec> dependsOn,
        String dependencyStrategy,
        String when,
        LoopSpec loop,
        Map<String, EnvValue> env,
        LimitsSpec limits,
        TimeoutSpec timeout,
        String scheduleToStartTimeout,
        RetrySpec retry,
        Object priority,
        String concurrencyKey,
        Integer maxConcurrency,
        RateLimitSpec rateLimit,
        ResourcesSpec resources,
        List<Integer> successExitCodes,
        Boolean keepWorkDir,
        ContextSpec context,
        Boolean injectContext,
        String agent) {

    public TaskSpec {
        dependsOn = dependsOn == null ? List.of() : dependsOn;
        env = env == null ? Map.of() : env;
    }

    public List<String> dependencyIds() {
        return dependsOn.stream().map(dependency -> dependency == null ? null : dependency.task()).toList();
    }

    /** This task's limits, its missing fields taken from the workflow's, then from the defaults. */
    public OutputLimits effectiveLimits(LimitsSpec workflowLimits) {
        return (limits == null ? LimitsSpec.NONE : limits).orElse(workflowLimits).resolve();
    }

    /** The command the worker runs; a script and a set of platform commands are commands of their own kinds. */
    public TaskCommand effectiveCommand() {
        if (script != null) {
            return new TaskCommand.Script(script);
        }
        return platformCommands != null ? platformCommands.toCommand() : command;
    }

    public TaskTimeout effectiveTimeout(DefaultsSpec defaults) {
        TimeoutSpec given = timeout != null ? timeout : defaults.timeout();
        return given == null ? TaskTimeout.Fixed.of(TaskTimeout.DEFAULT) : given.timeout();
    }

    public ResourceLimits effectiveResources(DefaultsSpec defaults) {
        ResourcesSpec given = resources != null ? resources : defaults.resources();
        return given == null ? ResourceLimits.NONE : given.resolve();
    }
}
