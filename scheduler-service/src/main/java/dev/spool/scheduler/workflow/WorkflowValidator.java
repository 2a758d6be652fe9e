package dev.spool.scheduler.workflow;

import dev.spool.contracts.TaskCommand;
import dev.spool.contracts.TruncationStrategy;
import dev.spool.scheduler.dag.CycleFinder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a parsed workflow must satisfy before it runs. It reports every problem at once, each with
 * its field path, and returns warnings for settings that work but are probably not what was meant.
 */
public final class WorkflowValidator {

    /** Task ids become parts of object keys and URLs, so they stay within a safe alphabet. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final long WARN_BELOW_BYTES = 1024;
    private static final long WARN_ABOVE_BYTES = 100L * 1024 * 1024;
    /**
     * The kept text of both streams travels inside the result message, so it is bounded well under the
     * size a Kafka message may have. The full output has no such bound: it goes to object storage.
     */
    public static final long MAX_KEPT_BYTES_PER_TASK = 4L * 1024 * 1024;

    public List<String> validate(WorkflowSpec spec) {
        List<Violation> violations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank()) {
            violations.add(new Violation("name", "required: give the workflow a name"));
        }
        checkLimits("limits", spec.limits(), LimitsSpec.NONE, violations, warnings);
        checkEnv("env", spec.env(), violations);
        if (spec.tasks().isEmpty()) {
            violations.add(new Violation("tasks", "required: a workflow needs at least one task"));
        }

        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < spec.tasks().size(); i++) {
            TaskSpec task = spec.tasks().get(i);
            String at = "tasks[" + i + "]";
            if (task == null) {
                violations.add(new Violation(at, "a task cannot be empty"));
                continue;
            }
            if (task.id() == null || task.id().isBlank()) {
                violations.add(new Violation(at + ".id", "required: give every task an id"));
            } else if (!TASK_ID.matcher(task.id()).matches()) {
                violations.add(new Violation(at + ".id", "'" + task.id() + "' is not a valid task id: use letters, digits, "
                        + "'_', '-' and '.', starting with a letter or digit, at most 128 characters"));
            } else if (positions.putIfAbsent(task.id(), i) != null) {
                violations.add(new Violation(at + ".id", "duplicate task id '" + task.id() + "', first used by tasks["
                        + positions.get(task.id()) + "]"));
            }
            checkCommand(at, task, violations);
            checkEnv(at + ".env", task.env(), violations);
            checkLimits(at + ".limits", task.limits(), spec.limits(), violations, warnings);
        }

        for (int i = 0; i < spec.tasks().size(); i++) {
            TaskSpec task = spec.tasks().get(i);
            if (task != null) {
                checkDependencies("tasks[" + i + "]", task, positions, violations);
            }
        }
        if (violations.isEmpty()) {
            new CycleFinder(dependencyGraph(spec)).findCycle().ifPresent(cycle -> violations.add(new Violation(
                    "tasks[" + positions.get(cycle.getFirst()) + "].depends_on",
                    "dependency cycle: " + String.join(" -> ", cycle) + "; remove one of these dependencies")));
        }
        if (!violations.isEmpty()) {
            throw new WorkflowValidationException(violations);
        }
        return warnings;
    }

    private static Map<String, List<String>> dependencyGraph(WorkflowSpec spec) {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        spec.tasks().forEach(task -> graph.put(task.id(), task.dependsOn()));
        return graph;
    }

    private static void checkCommand(String at, TaskSpec task, List<Violation> violations) {
        if (task.command() != null && task.script() != null) {
            violations.add(new Violation(at, "give either 'command' or 'script', not both"));
        } else if (task.command() == null && task.script() == null) {
            violations.add(new Violation(at, "required: 'command' (an argv list or a shell line) or 'script' (run by sh -e)"));
        } else if (task.script() != null && task.script().isBlank()) {
            violations.add(new Violation(at + ".script", "the script is empty"));
        } else if (task.command() instanceof TaskCommand.Argv argv && (argv.args().isEmpty() || argv.args().getFirst().isBlank())) {
            violations.add(new Violation(at + ".command", "the argv is empty: its first element names the program to run"));
        } else if (task.command() instanceof TaskCommand.Shell shell && shell.commandLine().isBlank()) {
            violations.add(new Violation(at + ".command", "the command line is empty"));
        }
    }

    private static void checkDependencies(String at, TaskSpec task, Map<String, Integer> positions, List<Violation> violations) {
        Set<String> seen = new HashSet<>();
        for (int d = 0; d < task.dependsOn().size(); d++) {
            String dependency = task.dependsOn().get(d);
            String path = at + ".depends_on[" + d + "]";
            if (dependency == null || dependency.isBlank()) {
                violations.add(new Violation(path, "a dependency must name a task"));
            } else if (dependency.equals(task.id())) {
                violations.add(new Violation(path, "task '" + task.id() + "' cannot depend on itself"));
            } else if (!positions.containsKey(dependency)) {
                violations.add(new Violation(path, "unknown task '" + dependency + "'" + Suggestions.didYouMean(dependency, positions.keySet())
                        + " (tasks in this workflow: " + String.join(", ", positions.keySet()) + ")"));
            } else if (!seen.add(dependency)) {
                violations.add(new Violation(path, "'" + dependency + "' is listed twice"));
            }
        }
    }

    private static void checkEnv(String at, Map<String, String> env, List<Violation> violations) {
        env.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches()) {
                violations.add(new Violation(at + "." + name, "'" + name + "' is not a valid environment variable name: use letters, digits and '_', not starting with a digit"));
            } else if (value == null) {
                violations.add(new Violation(at + "." + name, "has no value; use \"\" for an empty one"));
            }
        });
    }

    private static void checkLimits(String at, LimitsSpec limits, LimitsSpec workflowLimits, List<Violation> violations, List<String> warnings) {
        if (limits == null) {
            return;
        }
        checkSize(at + ".max_stdout_bytes", limits.maxStdoutBytes(), violations, warnings);
        checkSize(at + ".max_stderr_bytes", limits.maxStderrBytes(), violations, warnings);
        checkSize(at + ".external_storage_threshold", limits.externalStorageThreshold(), violations, warnings);
        if (limits.truncationStrategy() != null && limits.truncationStrategy() != TruncationStrategy.TAIL) {
            warnings.add(at + ".truncation_strategy: '" + limits.truncationStrategy().wireName()
                    + "' is not available yet; the workers keep the tail, and the full output is stored as usual");
        }
        var resolved = limits.orElse(workflowLimits).resolve();
        if (resolved.maxStdoutBytes() >= 0 && resolved.maxStderrBytes() >= 0
                && resolved.maxStdoutBytes() + resolved.maxStderrBytes() > MAX_KEPT_BYTES_PER_TASK) {
            violations.add(new Violation(at, "max_stdout_bytes + max_stderr_bytes is " + (resolved.maxStdoutBytes() + resolved.maxStderrBytes())
                    + " bytes, over the " + MAX_KEPT_BYTES_PER_TASK + " bytes a task may keep inline; keep less and read the full output "
                    + "from object storage (set external_storage_threshold)"));
        }
    }

    private static void checkSize(String path, Long value, List<Violation> violations, List<String> warnings) {
        Optional.ofNullable(value).ifPresent(bytes -> {
            if (bytes < 0) {
                violations.add(new Violation(path, "must not be negative, got " + bytes));
            } else if (bytes < WARN_BELOW_BYTES) {
                warnings.add(path + ": " + bytes + " bytes is under 1 KB, so little output will be kept");
            } else if (bytes > WARN_ABOVE_BYTES) {
                warnings.add(path + ": " + bytes + " bytes is over 100 MB");
            }
        });
    }
}
