package dev.spool.scheduler.workflow;

import dev.spool.scheduler.dag.Condition;
import dev.spool.scheduler.model.ContextPolicy;
import dev.spool.scheduler.model.Dependency;
import dev.spool.scheduler.model.DependencyStrategy;
import dev.spool.scheduler.model.LoopPolicy;
import dev.spool.scheduler.model.RetryPolicy;
import dev.spool.scheduler.model.TaskDefinition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed workflow into the definitions the engine keeps: defaults applied, durations and conditions read,
 * alternatives marked. Problems with the scheduling fields are collected with their paths.
 */
public final class WorkflowCompiler {

    private WorkflowCompiler() {
    }

    public record CompiledTask(String id, int position, TaskDefinition definition) {
    }

    /** The definitions of a workflow that passed validation. */
    public static List<CompiledTask> compile(WorkflowSpec spec) {
        List<Violation> violations = new ArrayList<>();
        List<CompiledTask> tasks = compile(spec, violations);
        if (!violations.isEmpty()) {
            throw new WorkflowValidationException(violations);
        }
        return tasks;
    }

    static List<CompiledTask> compile(WorkflowSpec spec, List<Violation> violations) {
        DefaultsSpec defaults = spec.defaults();
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < spec.tasks().size(); i++) {
            TaskSpec task = spec.tasks().get(i);
            if (task != null && task.id() != null) {
                positions.putIfAbsent(task.id(), i);
            }
        }
        Set<String> standby = new HashSet<>();
        spec.tasks().forEach(task -> {
            if (task != null) {
                task.dependsOn().forEach(dependency -> {
                    if (dependency != null && dependency.onFailure().action() == Dependency.OnFailure.Action.RUN_ALTERNATIVE) {
                        standby.add(dependency.onFailure().value());
                    }
                });
            }
        });

        checkDefaults(defaults, violations);
        if (spec.maxParallel() != null && spec.maxParallel() < 1) {
            violations.add(new Violation("max_parallel", "must be at least 1, got " + spec.maxParallel() + "; leave it out for no per-run limit"));
        }
        List<CompiledTask> compiled = new ArrayList<>();
        for (int i = 0; i < spec.tasks().size(); i++) {
            TaskSpec task = spec.tasks().get(i);
            if (task == null) {
                continue;
            }
            String at = "tasks[" + i + "]";
            compiled.add(new CompiledTask(task.id(), i, definition(spec, task, at, positions, standby, violations)));
        }
        if (!violations.isEmpty()) {
            return compiled;
        }
        Map<String, TaskDefinition> byId = new LinkedHashMap<>();
        compiled.forEach(task -> byId.putIfAbsent(task.id(), task.definition()));
        Map<String, dev.spool.contracts.context.ContextRequest> requests = dev.spool.scheduler.dag.ContextSources.plan(byId);
        return compiled.stream().map(task -> new CompiledTask(task.id(), task.position(),
                task.definition().withContextRequest(requests.get(task.id())))).toList();
    }

    private static void checkDefaults(DefaultsSpec defaults, List<Violation> violations) {
        TaskPolicies.duration(defaults.scheduleToStartTimeout(), "defaults.schedule_to_start_timeout", null,
                TaskPolicies.MAX_SCHEDULE_TO_START, violations);
        TaskPolicies.retry(defaults.retry(), "defaults.retry", violations);
        TaskPolicies.priority(defaults.priority(), "defaults.priority", violations);
        TaskPolicies.strategy(defaults.dependencyStrategy(), "defaults.dependency_strategy", violations);
        TaskPolicies.context(null, defaults.context(), null, null, "defaults.context", violations);
    }

    private static TaskDefinition definition(WorkflowSpec spec, TaskSpec task, String at, Map<String, Integer> positions,
                                             Set<String> standby, List<Violation> violations) {
        DefaultsSpec defaults = spec.defaults();
        boolean anyOnFailure = task.dependsOn().stream().anyMatch(dependency -> dependency != null && dependency.onFailureGiven());
        String strategyText = first(task.dependencyStrategy(), defaults.dependencyStrategy());
        DependencyStrategy strategy = strategyText == null && anyOnFailure
                ? DependencyStrategy.CONDITIONAL
                : TaskPolicies.strategy(strategyText, at + ".dependency_strategy", violations);
        List<Dependency> dependencies = new ArrayList<>();
        for (int d = 0; d < task.dependsOn().size(); d++) {
            DependencySpec dependency = task.dependsOn().get(d);
            if (dependency == null) {
                continue;
            }
            String path = at + ".depends_on[" + d + "]";
            if (dependency.onFailureGiven() && strategy != DependencyStrategy.CONDITIONAL) {
                violations.add(new Violation(path + ".on_failure", "applies only with dependency_strategy: conditional (this task uses "
                        + strategy.name().toLowerCase() + "); remove on_failure or the strategy"));
            }
            Dependency.OnFailure onFailure = dependency.onFailure();
            if (onFailure.action() == Dependency.OnFailure.Action.RUN_ALTERNATIVE) {
                String alternative = onFailure.value();
                if (!positions.containsKey(alternative)) {
                    violations.add(new Violation(path + ".on_failure.run_alternative", "unknown task '" + alternative + "'"
                            + Suggestions.didYouMean(alternative, positions.keySet())));
                } else if (alternative.equals(task.id()) || alternative.equals(dependency.task())) {
                    violations.add(new Violation(path + ".on_failure.run_alternative", "the alternative must be another task than '"
                            + task.id() + "' and '" + dependency.task() + "'"));
                }
            }
            dependencies.add(dependency.resolve());
        }

        Set<String> dependencyIds = new LinkedHashSet<>(task.dependencyIds());
        if (task.when() != null) {
            Condition when = TaskPolicies.condition(task.when(), at + ".when", false, violations);
            if (when != null) {
                for (String referenced : when.tasks()) {
                    if (!positions.containsKey(referenced)) {
                        violations.add(new Violation(at + ".when", "refers to unknown task '" + referenced + "'" + Suggestions.didYouMean(referenced, positions.keySet())));
                    } else if (!dependencyIds.contains(referenced)) {
                        violations.add(new Violation(at + ".when", "refers to '" + referenced + "', which is not in depends_on; add it there, "
                                + "so that it has ended when the condition is checked"));
                    }
                }
            }
        }
        LoopPolicy loop = TaskPolicies.loop(task.loop(), at + ".loop", violations);
        Condition until = loop == null || loop.untilSucceeded() ? null : Condition.Parser.quietly(loop.until());
        if (until != null) {
            for (String referenced : until.tasks()) {
                if (!dependencyIds.contains(referenced)) {
                    violations.add(new Violation(at + ".loop.until", "refers to '" + referenced + "', which is not in depends_on; "
                            + "use a bare property such as exit_code == 0 for the iteration itself"));
                }
            }
        }
        RetrySpec retrySpec = task.retry() != null ? task.retry() : defaults.retry();
        if (loop != null && task.retry() != null) {
            violations.add(new Violation(at + ".retry", "a looping task repeats through its loop; give loop or retry, not both"));
        }
        RetryPolicy retry = loop != null ? RetryPolicy.NONE : TaskPolicies.retry(retrySpec, at + ".retry", violations);
        Duration scheduleToStart = TaskPolicies.duration(first(task.scheduleToStartTimeout(), defaults.scheduleToStartTimeout()),
                at + ".schedule_to_start_timeout", TaskPolicies.DEFAULT_SCHEDULE_TO_START, TaskPolicies.MAX_SCHEDULE_TO_START, violations);
        int priority = TaskPolicies.priority(first(task.priority(), defaults.priority()), at + ".priority", violations);
        int maxConcurrency = 0;
        if (task.maxConcurrency() != null) {
            if (task.concurrencyKey() == null) {
                violations.add(new Violation(at + ".max_concurrency", "limits a group of tasks: set concurrency_key too, the group's name"));
            } else if (task.maxConcurrency() < 1) {
                violations.add(new Violation(at + ".max_concurrency", "must be at least 1, got " + task.maxConcurrency()));
            } else {
                maxConcurrency = task.maxConcurrency();
            }
        }
        if (task.concurrencyKey() != null && task.concurrencyKey().isBlank()) {
            violations.add(new Violation(at + ".concurrency_key", "is empty: name the group, e.g. concurrency_key: database"));
        }
        double rate = TaskPolicies.rateLimit(task.rateLimit(), at + ".rate_limit", violations);
        LimitsSpec limits = (task.limits() == null ? LimitsSpec.NONE : task.limits()).orElse(spec.limits());
        // defaults.context was checked once, with its own path; a task's own context is checked here.
        ContextPolicy context = TaskPolicies.context(task.context(), defaults.context(), limits, task.injectContext(), at + ".context",
                task.context() != null ? violations : new ArrayList<>());

        Map<String, String> env = new LinkedHashMap<>();
        Set<String> secretEnv = new LinkedHashSet<>();
        Map<String, String> secretRefs = new LinkedHashMap<>();
        Map<String, EnvValue> declared = new LinkedHashMap<>(spec.env());
        declared.putAll(task.env());
        declared.forEach((name, value) -> {
            if (value != null && value.secretRef() != null) {
                secretRefs.put(name, value.secretRef());
            } else if (value != null) {
                env.put(name, value.value());
                if (value.secret()) {
                    secretEnv.add(name);
                }
            }
        });
        boolean keepWorkDir = task.keepWorkDir() != null ? task.keepWorkDir() : Boolean.TRUE.equals(spec.keepWorkDir());
        List<Integer> successExitCodes = first(task.successExitCodes(), defaults.successExitCodes());
        return new TaskDefinition(task.effectiveCommand(), env, secretEnv, task.effectiveLimits(spec.limits()),
                task.effectiveTimeout(defaults), task.effectiveResources(defaults), successExitCodes, keepWorkDir,
                dependencies, strategy, task.when(), loop, retry, scheduleToStart.toMillis(), priority,
                task.concurrencyKey(), maxConcurrency, rate, context, first(task.agent(), defaults.agent()), standby.contains(task.id()), secretRefs, null);
    }

    private static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
