package dev.spool.scheduler.workflow;

import java.util.List;
import java.util.Map;

/** A workflow as submitted: a name, the output limits for its tasks, and the tasks. */
public record WorkflowSpec(String name, LimitsSpec limits, Map<String, String> env, List<TaskSpec> tasks) {

    public WorkflowSpec {
        env = env == null ? Map.of() : env;
        tasks = tasks == null ? List.of() : tasks;
    }
}
