package dev.spool.scheduler.workflow;

import java.util.List;
import java.util.Map;

/**
 * A workflow as submitted: a name, the output limits, defaults and environment for its tasks, how many of them may
 * be in flight at once, whether their working directories are kept, and the tasks.
 */
public record WorkflowSpec(String name, LimitsSpec limits, DefaultsSpec defaults, Map<String, EnvValue> env, Boolean keepWorkDir,
                           Integer maxParallel, List<TaskSpec> tasks) {

    public WorkflowSpec {
        env = env == null ? Map.of() : env;
        tasks = tasks == null ? List.of() : tasks;
        defaults = defaults == null ? DefaultsSpec.NONE : defaults;
    }
}
