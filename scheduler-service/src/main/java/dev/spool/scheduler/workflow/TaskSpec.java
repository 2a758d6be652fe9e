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
 */
public record TaskSpec(
        String id,
        @JsonDeserialize(using = CommandDeserializer.class) TaskCommand command,
        String script,
        PlatformCommandsSpec platformCommands,
        List<String> dependsOn,
        Map<String, EnvValue> env,
        LimitsSpec limits,
        TimeoutSpec timeout,
        ResourcesSpec resources,
        List<Integer> successExitCodes,
        Boolean keepWorkDir) {

    public TaskSpec {
        dependsOn = dependsOn == null ? List.of() : dependsOn;
        env = env == null ? Map.of() : env;
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

    public TaskTimeout effectiveTimeout() {
        return timeout == null ? TaskTimeout.Fixed.of(TaskTimeout.DEFAULT) : timeout.timeout();
    }

    public ResourceLimits effectiveResources() {
        return resources == null ? ResourceLimits.NONE : resources.resolve();
    }
}
