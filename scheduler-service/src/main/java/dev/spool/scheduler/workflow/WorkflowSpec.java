package dev.spool.scheduler.workflow;

import java.util.List;
import java.util.Map;

/**
 * A workflow as submitted: a name, the output limits and environment for its tasks, whether their working
 * directories are kept, and the tasks.
 */
public record WorkflowSpec(String name, LimitsSpec limits, Map<String, EnvValue> env, Boolean keepWorkDir, List<TaskSpec> tasks) {

    public WorkflowSpec {
        env = env == null ? Map.of() : env;
        tasks = tasks == null ? List.of() : tasks;
    }
}
