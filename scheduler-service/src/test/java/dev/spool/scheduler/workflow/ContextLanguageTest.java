package dev.spool.scheduler.workflow;

import dev.spool.contracts.context.CleanupPolicy;
import dev.spool.contracts.context.ContextRequest;
import dev.spool.contracts.context.ContextSource;
import dev.spool.scheduler.model.ContextPolicy;
import dev.spool.scheduler.model.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The context, result and pruning fields of the workflow language: what they resolve to, and their errors. */
class ContextLanguageTest {

    private final WorkflowIntake intake = new WorkflowIntake(10_000);

    private WorkflowIntake.Accepted accept(String yaml) {
        return intake.read(yaml, WorkflowParser.Format.YAML);
    }

    private Map<String, TaskDefinition> definitions(String yaml) {
        return accept(yaml).tasks().stream().collect(Collectors.toMap(WorkflowCompiler.CompiledTask::id, WorkflowCompiler.CompiledTask::definition));
    }

    private List<String> problems(String yaml) {
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class, () -> accept(yaml));
        assertThat(error).as("the workflow should have been refused").isNotNull();
        return error.all().stream().map(v -> v.path() + ": " + v.message()).toList();
    }

    @Test
    void theSeedsFullConfigurationIsAcceptedAndHonoured() {
        WorkflowIntake.Accepted accepted = accept("""
                name: full
                limits:
                  max_stdout_bytes: 524288
                  max_stderr_bytes: 262144
                  max_context_bytes: 102400
                  truncation_strategy: both
                  external_storage_threshold: 2097152
                  cleanup_strategy:
                    type: highest_relevance
                    keep_count: 20
                tasks:
                  - {id: a, command: "echo a"}
                  - {id: b, command: "echo b", depends_on: [a]}
                """);

        assertThat(accepted.cleanup()).isEqualTo(new CleanupPolicy(CleanupPolicy.Type.HIGHEST_RELEVANCE, 20, 1, null));
        TaskDefinition b = accepted.tasks().get(1).definition();
        assertThat(b.context().maxBytes()).isEqualTo(102_400);
        assertThat(b.limits().maxStdoutBytes()).isEqualTo(524_288);
        assertThat(b.contextRequest().maxBytes()).isEqualTo(102_400);
        assertThat(b.contextRequest().sources()).containsExactly(new ContextSource("a", 1.0, "direct dependency"));
    }

    @Test
    void theDefaultIsAutomaticFromTheDirectDependenciesAndARootTaskAsksForNothing() {
        Map<String, TaskDefinition> tasks = definitions("""
                name: d
                tasks:
                  - {id: a, command: ls}
                  - {id: b, command: ls, depends_on: [a]}
                  - {id: c, command: ls, depends_on: [b]}
                """);

        assertThat(tasks.get("a").contextRequest()).as("nothing could qualify for a root task").isNull();
        ContextRequest c = tasks.get("c").contextRequest();
        assertThat(c.mode()).isEqualTo("automatic");
        assertThat(c.minRelevance()).isEqualTo(ContextPolicy.DEFAULT_MIN_RELEVANCE);
        assertThat(c.sources()).extracting(ContextSource::taskId).containsExactly("b");
        assertThat(c.maxBytes()).isEqualTo(65_536);
        assertThat(c.maxTasks()).isEqualTo(10);
    }

    @Test
    void aLowerThresholdReachesDeeperAncestorsScoredByDepth() {
        Map<String, TaskDefinition> tasks = definitions("""
                name: diamond
                tasks:
                  - {id: fetch, command: ls}
                  - {id: left, command: ls, depends_on: [fetch]}
                  - {id: right, command: ls, depends_on: [fetch]}
                  - {id: join, command: ls, depends_on: [left, right], context: {min_relevance: 0.4}}
                """);

        assertThat(tasks.get("join").contextRequest().sources()).containsExactly(
                new ContextSource("left", 1.0, "direct dependency"), new ContextSource("right", 1.0, "direct dependency"),
                new ContextSource("fetch", 0.4, "upstream, 2 dependencies away"));
    }

    @Test
    void theOlderModeNamesAreAliasesOfOneLanguage() {
        Map<String, TaskDefinition> tasks = definitions("""
                name: aliases
                tasks:
                  - {id: a, command: ls}
                  - {id: deps, command: ls, depends_on: [a], context: {mode: dependencies}}
                  - {id: smart, command: ls, depends_on: [a], context: {mode: smart}}
                  - {id: all, command: ls, depends_on: [a], context: {mode: all}}
                """);

        assertThat(tasks.get("deps").context().minRelevance()).isEqualTo(1.0);
        assertThat(tasks.get("smart").context().minRelevance()).isEqualTo(0.5);
        assertThat(tasks.get("all").context().minRelevance()).isZero();
        assertThat(tasks.get("all").contextRequest().includeUnrelated()).isTrue();
        assertThat(tasks.values()).allMatch(task -> task.context().mode() == ContextPolicy.Mode.AUTOMATIC);
    }

    @Test
    void injectContextFalseAndModeNoneGiveNoContext() {
        Map<String, TaskDefinition> tasks = definitions("""
                name: off
                tasks:
                  - {id: a, command: ls}
                  - {id: b, command: ls, depends_on: [a], inject_context: false}
                  - {id: c, command: ls, depends_on: [a], context: {mode: none}}
                """);

        assertThat(tasks.get("b").contextRequest()).isNull();
        assertThat(tasks.get("c").contextRequest()).isNull();
    }

    @Test
    void manualModeCarriesItsPatternsAndTheRestOfTheSettings() {
        ContextRequest request = definitions("""
                name: manual
                tasks:
                  - {id: test-unit, command: ls}
                  - id: report
                    command: ls
                    context: {mode: manual, include: ["test-*"], exclude: ["*-flaky"], max_tokens: 4000, format: json, stdin: true, window: 5m}
                """).get("report").contextRequest();

        assertThat(request.mode()).isEqualTo("manual");
        assertThat(request.include()).containsExactly("test-*");
        assertThat(request.exclude()).containsExactly("*-flaky");
        assertThat(request.maxTokens()).isEqualTo(4000);
        assertThat(request.format()).isEqualTo("json");
        assertThat(request.stdin()).isTrue();
    }

    @Test
    void aSharedAgentLabelAndALoopMakeARequestEvenWithoutDependencies() {
        Map<String, TaskDefinition> tasks = definitions("""
                name: agents
                tasks:
                  - {id: draft, command: ls, agent: writer}
                  - {id: edit, command: ls, agent: writer}
                  - {id: refine, command: ls, loop: {max_iterations: 5}}
                  - {id: alone, command: ls, agent: reviewer}
                """);

        assertThat(tasks.get("edit").contextRequest().agent()).isEqualTo("writer");
        assertThat(tasks.get("refine").contextRequest().ownIterations()).isTrue();
        assertThat(tasks.get("alone").contextRequest()).as("no other task has its label").isNull();
    }

    @Test
    void everyBadContextSettingIsReportedWithItsPathAndAFix() {
        List<String> problems = problems("""
                name: bad
                limits:
                  max_context_bytes: -1
                  cleanup_strategy: {type: oldest, keep_count: -3}
                tasks:
                  - {id: a, command: ls}
                  - {id: b, command: ls, depends_on: [a], context: {mode: smrt}}
                  - {id: c, command: ls, depends_on: [a], context: {mode: manual}}
                  - {id: d, command: ls, depends_on: [a], context: {include: [a]}}
                  - {id: e, command: ls, depends_on: [a], context: {mode: manual, include: ["a b"]}}
                  - {id: f, command: ls, depends_on: [a], context: {min_relevance: 2, format: xml, max_tokens: 0, window: forever}}
                  - {id: g, command: ls, limits: {cleanup_strategy: {type: lru}}}
                """);

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("limits.max_context_bytes: must be from 0"))
                .anySatisfy(p -> assertThat(p).startsWith("limits.cleanup_strategy.type: 'oldest' is not a cleanup strategy"))
                .anySatisfy(p -> assertThat(p).startsWith("limits.cleanup_strategy.keep_count: must be from 0"))
                .anySatisfy(p -> assertThat(p).startsWith("tasks[1].context.mode: 'smrt' is not a context mode").contains("did you mean 'smart'"))
                .anySatisfy(p -> assertThat(p).startsWith("tasks[2].context.include: mode: manual takes its outputs from include"))
                .anySatisfy(p -> assertThat(p).startsWith("tasks[3].context.include: include and exclude choose the outputs of mode: manual"))
                .anySatisfy(p -> assertThat(p).startsWith("tasks[4].context.include[0]: 'a b' is not a task id or a glob"))
                .anySatisfy(p -> assertThat(p).startsWith("tasks[5].context.min_relevance: is a score from 0 to 1"))
                .anySatisfy(p -> assertThat(p).startsWith("tasks[5].context.format: 'xml' is not a context format"))
                .anySatisfy(p -> assertThat(p).startsWith("tasks[5].context.max_tokens: must be from 1"))
                .anySatisfy(p -> assertThat(p).startsWith("tasks[5].context.window"))
                .anySatisfy(p -> assertThat(p).startsWith("tasks[6].limits.cleanup_strategy: prunes the outputs of the whole run"));
    }

    @Test
    void aConditionReadsAFieldOfTheResultOfADependency() {
        assertThat(problems("""
                name: r
                tasks:
                  - {id: build, command: ls}
                  - {id: ship, command: ls, depends_on: [build], when: "build.result."}
                """)).singleElement().satisfies(p -> assertThat(p).contains("names no field of the result"));
        accept("""
                name: r
                tasks:
                  - {id: build, command: ls}
                  - {id: ship, command: ls, depends_on: [build], when: "build.result.version == '1.2' && build.result.size.mb < 2.5"}
                  - {id: poll, command: ls, loop: {max_iterations: 3, until: "result.done == true"}}
                """);
    }
}
