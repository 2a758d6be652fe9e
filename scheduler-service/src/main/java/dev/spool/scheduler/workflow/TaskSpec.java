package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.spool.contracts.OutputLimits;
import dev.spool.contracts.TaskCommand;

import java.util.List;
import java.util.Map;

/**
 * One task of a workflow. Exactly one of {@code command} (an argv list, or a string run by {@code sh -c})
 * and {@code script} (run by {@code sh -e}) is given.
 */
public record TaskSpec(
        String id,
        @JsonDeserialize(using = CommandDeserializer.class) TaskCommand command,
        String script,
        List<String> dependsOn,
        Map<String, String> env,
        LimitsSpec limits) {

    public TaskSpec {
        dependsOn = dependsOn == null ? List.of() : dependsOn;
        env = env == null ? Map.of() : env;
    }

    /** This task's limits, its missing fields taken from the workflow's, then from the defaults. */
    public OutputLimits effectiveLimits(LimitsSpec workflowLimits) {
        return (limits == null ? LimitsSpec.NONE : limits).orElse(workflowLimits).resolve();
    }

    /** The command the worker runs; a script is a command of its own kind. */
    public TaskCommand effectiveCommand() {
        return script != null ? new TaskCommand.Script(script) : command;
    }
}
