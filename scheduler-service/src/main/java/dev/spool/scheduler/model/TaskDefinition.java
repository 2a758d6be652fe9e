package dev.spool.scheduler.model;

import dev.spool.contracts.OutputLimits;
import dev.spool.contracts.ResourceLimits;
import dev.spool.contracts.TaskCommand;
import dev.spool.contracts.TaskTimeout;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a task runs and under which limits, resolved at submission and kept with the task. */
public record TaskDefinition(
        TaskCommand command,
        Map<String, String> env,
        Set<String> secretEnv,
        OutputLimits limits,
        TaskTimeout timeout,
        ResourceLimits resources,
        List<Integer> successExitCodes,
        boolean keepWorkDir,
        List<String> dependsOn) {

    public TaskDefinition {
        secretEnv = secretEnv == null ? Set.of() : secretEnv;
        dependsOn = dependsOn == null ? List.of() : dependsOn;
    }
}
