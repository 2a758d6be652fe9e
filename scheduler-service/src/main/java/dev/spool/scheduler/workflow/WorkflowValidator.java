package dev.spool.scheduler.workflow;

import dev.spool.support.Texts;
import dev.spool.contracts.TaskCommand;
import dev.spool.contracts.TaskTimeout;
import dev.spool.contracts.UserPatterns;
import dev.spool.scheduler.dag.CycleFinder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything a parsed workflow must satisfy before it runs. It reports every problem at once, each with
 * its field path, and returns warnings for settings that work but are probably not what was meant.
 */
public final class WorkflowValidator {

    /** Task ids become parts of object keys and URLs, so they stay within a safe alphabet. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final long WARN_BELOW_BYTES = 1024;
    private static final int MIN_SECRET_LENGTH = 4;
    private static final long WARN_ABOVE_BYTES = 100L * 1024 * 1024;
    /** Above this, a size is a typo; and sums of sizes must not overflow. */
    static final long MAX_SIZE_BYTES = 1L << 40;
    static final long MAX_LINES = 10_000_000;
    /**
     * The kept text of both streams travels inside the result message, so it is bounded well under the
     * size a Kafka message may have. The full output has no such bound: it goes to object storage.
     */
    /** The worker holds a task's kept text in memory while it runs; more than this goes to the full copy, not the kept text. */
    public static final long MAX_KEPT_BYTES_PER_TASK = 256L * 1024 * 1024;

    public static final int DEFAULT_MAX_TASKS = 10_000;

    private final int maxTasks;
    private final Set<String> allowedLoaderVariables;
    private final boolean secretsSealable;

    public WorkflowValidator() {
        this(DEFAULT_MAX_TASKS, Set.of());
    }

    public WorkflowValidator(int maxTasks, Set<String> allowedLoaderVariables) {
        this(maxTasks, allowedLoaderVariables, true);
    }

    /**
     * @param allowedLoaderVariables loader variables (LD_LIBRARY_PATH, …) an operator lets workflows set
     * @param secretsSealable        whether the gateway holds the key that inline secrets are sealed with before they are stored
     */
    public WorkflowValidator(int maxTasks, Set<String> allowedLoaderVariables, boolean secretsSealable) {
        this.maxTasks = maxTasks;
        this.allowedLoaderVariables = Set.copyOf(allowedLoaderVariables);
        this.secretsSealable = secretsSealable;
    }

    public List<String> validate(WorkflowSpec spec) {
        List<Violation> violations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (spec.tasks().size() > maxTasks) {
            throw new WorkflowValidationException(List.of(new Violation("tasks", "the workflow has " + spec.tasks().size()
                    + " tasks, over the limit of " + maxTasks + " per run; split it into several runs")));
        }
        if (spec.name() == null || spec.name().isBlank()) {
            violations.add(new Violation("name", "required: give the workflow a name"));
        }
        checkLimits("limits", spec.limits(), LimitsSpec.NONE, violations, warnings);
        checkEnv("env", spec.env(), violations, warnings);
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
            checkEnv(at + ".env", task.env(), violations, warnings);
            checkLimits(at + ".limits", task.limits(), spec.limits(), violations, warnings);
            checkTimeout(at + ".timeout", task.timeout(), violations);
            checkTimeout("defaults.timeout", i == 0 ? spec.defaults().timeout() : null, violations);
            checkResources(at + ".resources", task.resources(), violations);
            checkExitCodes(at + ".success_exit_codes", task.successExitCodes(), violations);
        }

        for (int i = 0; i < spec.tasks().size(); i++) {
            TaskSpec task = spec.tasks().get(i);
            if (task != null) {
                checkDependencies("tasks[" + i + "]", task, positions, violations);
            }
        }
        WorkflowCompiler.compile(spec, violations);
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
        // A task waits for the alternatives of its dependencies too, so they take part in cycles.
        spec.tasks().forEach(task -> {
            Set<String> waitsFor = new LinkedHashSet<>(task.dependencyIds());
            task.dependsOn().forEach(dependency -> {
                if (dependency.onFailure().action() == dev.spool.scheduler.model.Dependency.OnFailure.Action.RUN_ALTERNATIVE) {
                    waitsFor.add(dependency.onFailure().value());
                }
            });
            graph.put(task.id(), List.copyOf(waitsFor));
        });
        return graph;
    }

    private static void checkCommand(String at, TaskSpec task, List<Violation> violations) {
        long given = java.util.stream.Stream.of(task.command(), task.script(), task.platformCommands()).filter(Objects::nonNull).count();
        if (given > 1) {
            violations.add(new Violation(at, "give one of 'command', 'script' and 'platform_commands', not several"));
        } else if (given == 0) {
            violations.add(new Violation(at, "required: 'command' (an argv list or a shell line), 'script' (run by sh -e) "
                    + "or 'platform_commands' (unix, windows, cross)"));
        } else if (task.platformCommands() != null) {
            PlatformCommandsSpec platform = task.platformCommands();
            if (platform.unix() == null && platform.windows() == null && platform.cross() == null) {
                violations.add(new Violation(at + ".platform_commands", "give at least one of unix, windows and cross"));
            }
            checkCommandShape(at + ".platform_commands.unix", platform.unix(), violations);
            checkCommandShape(at + ".platform_commands.windows", platform.windows(), violations);
            checkCommandShape(at + ".platform_commands.cross", platform.cross(), violations);
        } else if (task.script() != null && task.script().isBlank()) {
            violations.add(new Violation(at + ".script", "the script is empty"));
        } else {
            checkCommandShape(at + ".command", task.command(), violations);
        }
    }

    private static void checkCommandShape(String at, TaskCommand command, List<Violation> violations) {
        if (command instanceof TaskCommand.Argv argv && (argv.args().isEmpty() || argv.args().getFirst().isBlank())) {
            violations.add(new Violation(at, "the argv is empty: its first element names the program to run"));
        } else if (command instanceof TaskCommand.Shell shell && shell.commandLine().isBlank()) {
            violations.add(new Violation(at, "the command line is empty"));
        }
    }

    private static void checkTimeout(String at, TimeoutSpec timeout, List<Violation> violations) {
        if (timeout == null) {
            return;
        }
        switch (timeout.timeout()) {
            case TaskTimeout.Fixed fixed -> {
                if (fixed.millis() <= 0) {
                    violations.add(new Violation(at, "must be more than zero, e.g. 30s or 5m"));
                } else if (fixed.millis() > TaskPolicies.MAX_TIMEOUT.toMillis()) {
                    violations.add(new Violation(at, "is longer than the " + TaskPolicies.describe(TaskPolicies.MAX_TIMEOUT)
                            + " a task may run; split the work into several tasks"));
                }
            }
            case TaskTimeout.Adaptive adaptive -> {
                if (adaptive.baseMillis() <= 0) {
                    violations.add(new Violation(at + ".base", "must be more than zero, e.g. 30s"));
                }
                if (adaptive.maxMillis() > TaskPolicies.MAX_TIMEOUT.toMillis()) {
                    violations.add(new Violation(at + ".max", "is longer than the " + TaskPolicies.describe(TaskPolicies.MAX_TIMEOUT)
                            + " a task may run; split the work into several tasks"));
                }
                if (adaptive.sizeFactor() > 1_000_000 || Double.isNaN(adaptive.sizeFactor())) {
                    violations.add(new Violation(at + ".size_factor", "must be at most 1000000, got " + adaptive.sizeFactor()));
                }
                if (adaptive.maxMillis() < adaptive.baseMillis()) {
                    violations.add(new Violation(at + ".max", "must be at least base (" + adaptive.baseMillis() + " ms), got "
                            + adaptive.maxMillis() + " ms"));
                }
                if (adaptive.sizeFactor() <= 0) {
                    violations.add(new Violation(at + ".size_factor", "must be more than zero, got " + adaptive.sizeFactor()));
                }
                if (adaptive.sizePath() != null && adaptive.sizePath().isBlank()) {
                    violations.add(new Violation(at + ".size_path", "is empty: name a path, relative to the task's working directory"));
                }
            }
        }
    }

    private static void checkResources(String at, ResourcesSpec resources, List<Violation> violations) {
        if (resources == null) {
            return;
        }
        checkPositive(at + ".max_memory_mb", resources.maxMemoryMb(), 1L << 20, violations);
        checkPositive(at + ".max_cpu_seconds", resources.maxCpuSeconds(), TaskPolicies.MAX_TIMEOUT.toSeconds(), violations);
        checkPositive(at + ".max_open_files", resources.maxOpenFiles(), 1L << 20, violations);
        checkPositive(at + ".max_processes", resources.maxProcesses(), 1_000_000L, violations);
    }

    private static void checkPositive(String path, Long value, long max, List<Violation> violations) {
        if (value != null && value <= 0) {
            violations.add(new Violation(path, "must be more than zero, got " + value + "; leave it out for no limit"));
        } else if (value != null && value > max) {
            violations.add(new Violation(path, "must be at most " + max + ", got " + value + "; leave it out for no limit"));
        }
    }

    private static void checkExitCodes(String at, List<Integer> codes, List<Violation> violations) {
        if (codes == null) {
            return;
        }
        if (codes.isEmpty()) {
            violations.add(new Violation(at, "is empty: list the exit codes that mean success, e.g. [0, 3]"));
        }
        for (int i = 0; i < codes.size(); i++) {
            Integer code = codes.get(i);
            if (code == null || code < 0 || code > 255) {
                violations.add(new Violation(at + "[" + i + "]", "an exit code is between 0 and 255, got " + code));
            }
        }
    }

    private static void checkDependencies(String at, TaskSpec task, Map<String, Integer> positions, List<Violation> violations) {
        Set<String> seen = new HashSet<>();
        List<String> ids = task.dependencyIds();
        for (int d = 0; d < ids.size(); d++) {
            String dependency = ids.get(d);
            String path = at + ".depends_on[" + d + "]";
            if (dependency == null || dependency.isBlank()) {
                violations.add(new Violation(path, "a dependency must name a task"));
            } else if (dependency.equals(task.id())) {
                violations.add(new Violation(path, "task '" + task.id() + "' cannot depend on itself"));
            } else if (!positions.containsKey(dependency)) {
                // Suggestions cost a look at every task: only for the problems that will be reported.
                boolean reported = violations.size() < WorkflowValidationException.MAX_REPORTED;
                violations.add(new Violation(path, "unknown task " + Texts.quote(dependency)
                        + (reported ? Suggestions.didYouMean(dependency, positions.keySet()) + " (tasks in this workflow: " + someOf(positions.keySet()) + ")" : "")));
            } else if (!seen.add(dependency)) {
                violations.add(new Violation(path, "'" + dependency + "' is listed twice"));
            }
        }
    }

    /** A list of names for a message, shortened when long. */
    static String someOf(Set<String> names) {
        return names.size() <= 20 ? String.join(", ", names)
                : String.join(", ", names.stream().limit(20).toList()) + " and " + (names.size() - 20) + " more";
    }

    /** The dynamic loader's variables (LD_PRELOAD, LD_AUDIT, LD_LIBRARY_PATH, …) and their macOS kin. */
    static boolean isLoaderVariable(String name) {
        return name.startsWith("LD_") || name.startsWith("DYLD_") || name.equals("GCONV_PATH");
    }

    private void checkEnv(String at, Map<String, EnvValue> env, List<Violation> violations, List<String> warnings) {
        env.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches()) {
                violations.add(new Violation(at + "." + name, "'" + name + "' is not a valid environment variable name: use letters, digits and '_', not starting with a digit"));
            } else if (name.startsWith("SPOOL_")) {
                violations.add(new Violation(at + "." + name, "names starting with SPOOL_ are Spool's own (SPOOL_RUN_ID, SPOOL_TASK_ID, SPOOL_ATTEMPT, SPOOL_ITERATION, SPOOL_DEFAULT_OUTPUT_*, "
                        + "SPOOL_CONTEXT_FILE, SPOOL_RESULT_FILE) and a workflow cannot set them: rename it"));
            } else if (isLoaderVariable(name) && !allowedLoaderVariables.contains(name)) {
                violations.add(new Violation(at + "." + name, "'" + name + "' changes how every program of the task is loaded and linked, "
                        + "so it is refused unless an operator allows it (spool.scheduler.allowed-loader-env)"));
            } else if (value == null) {
                violations.add(new Violation(at + "." + name, "has no value; use \"\" for an empty one"));
            } else if (value.secret() && value.secretRef() == null && !secretsSealable) {
                violations.add(new Violation(at + "." + name, "is an inline secret, and this gateway has no key to seal it with before it is stored: "
                        + "an operator sets spool.secrets.key (SPOOL_SECRETS_KEY) on the gateway and the workers; or name a secret the workers hold, {secret_ref: <name>}"));
            } else if (value.secret() && value.secretRef() == null && value.value().length() < MIN_SECRET_LENGTH) {
                warnings.add(at + "." + name + ": a secret of under " + MIN_SECRET_LENGTH
                        + " characters is masked wherever those characters appear in the output");
            }
        });
    }

    private static void checkLimits(String at, LimitsSpec limits, LimitsSpec workflowLimits, List<Violation> violations, List<String> warnings) {
        if (limits == null) {
            return;
        }
        TaskPolicies.contextLimits(limits, at, violations);
        if (limits.cleanupStrategy() != null && !at.equals("limits")) {
            violations.add(new Violation(at + ".cleanup_strategy", "prunes the outputs of the whole run: move it to the workflow's limits"));
        } else {
            TaskPolicies.cleanup(limits.cleanupStrategy(), at + ".cleanup_strategy", violations);
        }
        checkSize(at + ".max_stdout_bytes", limits.maxStdoutBytes(), violations, warnings);
        checkSize(at + ".max_stderr_bytes", limits.maxStderrBytes(), violations, warnings);
        checkSize(at + ".max_combined_bytes", limits.maxCombinedBytes(), violations, warnings);
        checkSize(at + ".external_storage_threshold", limits.externalStorageThreshold(), violations, warnings);
        if (limits.maxLines() != null && limits.maxLines() < 0) {
            violations.add(new Violation(at + ".max_lines", "must not be negative, got " + limits.maxLines() + "; 0 means no line bound"));
        } else if (limits.maxLines() != null && limits.maxLines() > MAX_LINES) {
            violations.add(new Violation(at + ".max_lines", "must be at most " + MAX_LINES + ", got " + limits.maxLines()));
        }
        if (limits.summaryPatterns() != null) {
            if (limits.summaryPatterns().size() > UserPatterns.MAX_PATTERNS) {
                violations.add(new Violation(at + ".summary_patterns", "at most " + UserPatterns.MAX_PATTERNS + " patterns, got "
                        + limits.summaryPatterns().size() + "; join alternatives with |"));
            }
            for (int i = 0; i < limits.summaryPatterns().size() && i < UserPatterns.MAX_PATTERNS; i++) {
                String problem = UserPatterns.problem(limits.summaryPatterns().get(i));
                if (problem != null) {
                    violations.add(new Violation(at + ".summary_patterns[" + i + "]", problem));
                }
            }
        }
        if (Stream.of(limits.maxStdoutBytes(), limits.maxStderrBytes(), limits.maxCombinedBytes(), limits.externalStorageThreshold())
                .anyMatch(size -> size != null && (size < 0 || size > MAX_SIZE_BYTES))) {
            return;
        }
        var resolved = limits.orElse(workflowLimits).resolve();
        long kept = Math.min(resolved.maxStdoutBytes() + resolved.maxStderrBytes(), resolved.maxCombinedBytes());
        if (resolved.maxStdoutBytes() >= 0 && resolved.maxStderrBytes() >= 0 && resolved.maxCombinedBytes() >= 0
                && kept > MAX_KEPT_BYTES_PER_TASK) {
            violations.add(new Violation(at, "a task may keep " + kept + " bytes of output (max_stdout_bytes + max_stderr_bytes, at most "
                    + "max_combined_bytes), over the " + MAX_KEPT_BYTES_PER_TASK + " bytes (256 MiB) a task may keep, which its worker holds in memory; "
                    + "keep less, or set max_combined_bytes, and read the full output from object storage (set external_storage_threshold)"));
        }
    }

    private static void checkSize(String path, Long value, List<Violation> violations, List<String> warnings) {
        Optional.ofNullable(value).ifPresent(bytes -> {
            if (bytes < 0) {
                violations.add(new Violation(path, "must not be negative, got " + bytes));
            } else if (bytes > MAX_SIZE_BYTES) {
                violations.add(new Violation(path, "must be at most " + MAX_SIZE_BYTES + " (1 TiB), got " + bytes));
            } else if (bytes < WARN_BELOW_BYTES && path.endsWith(".external_storage_threshold")) {
                warnings.add(path + ": " + bytes + " bytes is under 1 KB, so almost every output is also stored whole in object storage"
                        + " (this does not change what is kept)");
            } else if (bytes < WARN_BELOW_BYTES) {
                warnings.add(path + ": " + bytes + " bytes is under 1 KB, so little output will be kept");
            } else if (bytes > WARN_ABOVE_BYTES) {
                warnings.add(path + ": " + bytes + " bytes is over 100 MB");
            }
        });
    }
}
