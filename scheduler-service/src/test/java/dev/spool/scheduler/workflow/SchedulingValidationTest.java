package dev.spool.scheduler.workflow;

import dev.spool.scheduler.model.ContextPolicy;
import dev.spool.scheduler.model.Dependency;
import dev.spool.scheduler.model.DependencyStrategy;
import dev.spool.scheduler.model.RetryPolicy;
import dev.spool.scheduler.model.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The scheduling fields of the workflow language: what they resolve to, and every error they can have. */
class SchedulingValidationTest {

    private final WorkflowParser parser = new WorkflowParser();
    private final WorkflowValidator validator = new WorkflowValidator();

    private List<Violation> violations(String yaml) {
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class,
                () -> validator.validate(parser.parse(yaml, WorkflowParser.Format.YAML)));
        assertThat(error).as("the workflow should have been refused").isNotNull();
        return error.violations();
    }

    private Violation only(String yaml) {
        List<Violation> violations = violations(yaml);
        assertThat(violations).hasSize(1);
        return violations.getFirst();
    }

    private List<WorkflowCompiler.CompiledTask> compile(String yaml) {
        WorkflowSpec spec = parser.parse(yaml, WorkflowParser.Format.YAML);
        validator.validate(spec);
        return WorkflowCompiler.compile(spec);
    }

    @Test
    void defaultsApplyToEveryTaskThatDoesNotSetTheFieldItself() {
        List<WorkflowCompiler.CompiledTask> tasks = compile("""
                name: d
                defaults:
                  retry: {max_attempts: 4, backoff: linear, initial_delay: 2s, max_delay: 1m, jitter: true, retry_on: [timeout, 75]}
                  priority: high
                  schedule_to_start_timeout: 45s
                  timeout: 10m
                  context: {mode: smart, max_bytes: 2048}
                  agent: reviewer
                tasks:
                  - {id: a, command: ls}
                  - {id: b, command: ls, priority: 10, retry: {max_attempts: 1}, agent: writer}
                """);
        TaskDefinition a = tasks.get(0).definition();
        assertThat(a.retry()).isEqualTo(new RetryPolicy(4, RetryPolicy.Backoff.LINEAR, 2000, 60_000, 0.2, Set.of("timeout"), Set.of(75)));
        assertThat(a.priority()).isEqualTo(75);
        assertThat(a.scheduleToStartMillis()).isEqualTo(45_000);
        assertThat(a.timeout()).isEqualTo(new dev.spool.contracts.TaskTimeout.Fixed(600_000));
        assertThat(a.context()).isEqualTo(new ContextPolicy(ContextPolicy.Mode.AUTOMATIC, List.of(), List.of(), 2048, 10, null,
                ContextPolicy.DEFAULT_MIN_RELEVANCE, null, "text", false));
        assertThat(a.agent()).isEqualTo("reviewer");
        TaskDefinition b = tasks.get(1).definition();
        assertThat(b.priority()).isEqualTo(10);
        assertThat(b.retry().maxAttempts()).isEqualTo(1);
        assertThat(b.agent()).isEqualTo("writer");
    }

    @Test
    void onFailureMakesTheStrategyConditionalAndMarksAlternativesStandby() {
        List<WorkflowCompiler.CompiledTask> tasks = compile("""
                name: c
                tasks:
                  - {id: fetch, command: ls}
                  - {id: mirror, command: ls}
                  - {id: lint, command: ls}
                  - id: use
                    command: ls
                    depends_on:
                      - {task: fetch, on_failure: {run_alternative: mirror}}
                      - {task: lint, on_failure: warn}
                """);
        assertThat(tasks.get(1).definition().standby()).isTrue();
        TaskDefinition use = tasks.get(3).definition();
        assertThat(use.dependencyStrategy()).isEqualTo(DependencyStrategy.CONDITIONAL);
        assertThat(use.dependencies()).containsExactly(new Dependency("fetch", Dependency.OnFailure.runAlternative("mirror")),
                new Dependency("lint", Dependency.OnFailure.WARN));
    }

    @Test
    void anUnknownStrategyIsNamedWithASuggestion() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls}\n  - {id: b, command: ls, depends_on: [a], dependency_strategy: any_requred}\n"))
                .isEqualTo(new Violation("tasks[1].dependency_strategy", "'any_requred' is not a dependency strategy; did you mean 'any_required'? "
                        + "(use one of all_required, any_required, best_effort, conditional)"));
    }

    @Test
    void onFailureWithAnotherStrategyIsRefused() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls}\n  - {id: b, command: ls, dependency_strategy: best_effort, "
                + "depends_on: [{task: a, on_failure: warn}]}\n").path()).isEqualTo("tasks[1].depends_on[0].on_failure");
    }

    @Test
    void anUnknownOnFailureActionIsRefusedWithTheChoices() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls}\n  - {id: b, command: ls, depends_on: [{task: a, on_failure: ignore}]}\n")
                .message()).contains("on_failure 'ignore' is not known: use skip, warn, {use_default: <text>} or {run_alternative: <task id>}");
    }

    @Test
    void anAlternativeMustBeAnotherKnownTask() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls}\n  - {id: b, command: ls, depends_on: [{task: a, on_failure: {run_alternative: fallback}}]}\n"))
                .isEqualTo(new Violation("tasks[1].depends_on[0].on_failure.run_alternative", "unknown task 'fallback'"));
    }

    @Test
    void aCycleThroughAnAlternativeIsReportedWithItsPath() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls}\n  - {id: alt, command: ls, depends_on: [b]}\n"
                + "  - {id: b, command: ls, depends_on: [{task: a, on_failure: {run_alternative: alt}}]}\n").message())
                .startsWith("dependency cycle: ").contains("alt -> b -> alt");
    }

    @Test
    void whenMustParseAndReadOnlyDependencies() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls}\n  - {id: b, command: ls, depends_on: [a], when: 'a.succeeded &&'}\n"))
                .isEqualTo(new Violation("tasks[1].when", "the condition ends too early; write for example a.succeeded && !b.failed, or a.exit_code == 0"));
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls}\n  - {id: c, command: ls}\n  - {id: b, command: ls, depends_on: [a], when: 'c.succeeded'}\n"))
                .isEqualTo(new Violation("tasks[2].when", "refers to 'c', which is not in depends_on; add it there, so that it has ended when the condition is checked"));
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls}\n  - {id: b, command: ls, depends_on: [a], when: 'a.succeded'}\n").message())
                .startsWith("'a.succeded' at column 1 does not end in a known property (did you mean 'succeeded'?)");
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls}\n  - {id: b, command: ls, depends_on: [a], when: 'succeeded'}\n").message())
                .isEqualTo("'succeeded' at column 1 names no task; write <task>.succeeded");
    }

    @Test
    void aLoopNeedsABoundWithinLimitsAndAValidCheck() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, loop: {until: succeeded}}\n"))
                .isEqualTo(new Violation("tasks[0].loop.max_iterations", "required: a loop needs a bound, e.g. max_iterations: 10"));
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, loop: {max_iterations: 0}}\n").path()).isEqualTo("tasks[0].loop.max_iterations");
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, loop: {max_iterations: 3, until: 'exit_code =='}}\n").path())
                .isEqualTo("tasks[0].loop.until");
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, loop: {max_iterations: 3}, retry: {max_attempts: 2}}\n").path())
                .isEqualTo("tasks[0].retry");
    }

    @Test
    void retryFieldsAreCheckedOneByOne() {
        List<Violation> found = violations("""
                name: x
                tasks:
                  - id: a
                    command: ls
                    retry: {max_attempts: 0, backoff: exponentail, initial_delay: soon, max_delay: 1s, jitter: 2, retry_on: [timeout, 300, crashed]}
                """);
        assertThat(found).extracting(Violation::path).containsExactlyInAnyOrder("tasks[0].retry.max_attempts", "tasks[0].retry.backoff",
                "tasks[0].retry.initial_delay", "tasks[0].retry.jitter", "tasks[0].retry.retry_on[1]",
                "tasks[0].retry.retry_on[2]");
        assertThat(found.stream().filter(v -> v.path().endsWith(".backoff")).findFirst().orElseThrow().message())
                .isEqualTo("'exponentail' is not a backoff; did you mean 'exponential'?: use fixed, linear or exponential");
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, retry: {initial_delay: 10s, max_delay: 1s}}\n"))
                .isEqualTo(new Violation("tasks[0].retry.max_delay", "must be at least initial_delay (10000 ms), got 1000 ms"));
    }

    @Test
    void priorityIsAWordOrANumberFromZeroToAHundred() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, priority: urgent}\n")).isEqualTo(new Violation("tasks[0].priority",
                "'urgent' is not a priority: use high, normal, low or a number from 0 to 100"));
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, priority: 101}\n").path()).isEqualTo("tasks[0].priority");
    }

    @Test
    void concurrencyAndRateLimitsNeedTheirGroupAndPositiveValues() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, max_concurrency: 2}\n")).isEqualTo(new Violation("tasks[0].max_concurrency",
                "limits a group of tasks: set concurrency_key too, the group's name"));
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, concurrency_key: db, max_concurrency: 0}\n").path())
                .isEqualTo("tasks[0].max_concurrency");
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, rate_limit: {per_second: 1, per_minute: 5}}\n"))
                .isEqualTo(new Violation("tasks[0].rate_limit", "give per_second or per_minute, not both"));
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, rate_limit: {per_minute: 0}}\n"))
                .isEqualTo(new Violation("tasks[0].rate_limit", "must be more than zero"));
    }

    @Test
    void scheduleToStartTimeoutAndContextAreChecked() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, schedule_to_start_timeout: 0s}\n"))
                .isEqualTo(new Violation("tasks[0].schedule_to_start_timeout", "must be more than zero, e.g. 30s or 5m"));
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, context: {mode: everything}}\n").message())
                .startsWith("'everything' is not a context mode");
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, context: {max_bytes: -1}}\n").path()).isEqualTo("tasks[0].context.max_bytes");
        assertThat(only("name: x\nmax_parallel: 0\ntasks:\n  - {id: a, command: ls}\n").path()).isEqualTo("max_parallel");
    }

    @Test
    void tooManyTasksAreRefusedWithTheLimit() {
        StringBuilder yaml = new StringBuilder("name: big\ntasks:\n");
        for (int i = 0; i < 4; i++) {
            yaml.append("  - {id: t").append(i).append(", command: ls}\n");
        }
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class,
                () -> new WorkflowValidator(3, java.util.Set.of()).validate(parser.parse(yaml.toString(), WorkflowParser.Format.YAML)));
        assertThat(error.violations()).containsExactly(new Violation("tasks", "the workflow has 4 tasks, over the limit of 3 per run; split it into several runs"));
    }

    @Test
    void unknownFieldsInTheNewSectionsGetADidYouMean() {
        assertThat(only("name: x\ntasks:\n  - {id: a, command: ls, retry: {max_atempts: 2}}\n").message())
                .startsWith("unknown field 'max_atempts'; did you mean 'max_attempts'?");
    }
}
