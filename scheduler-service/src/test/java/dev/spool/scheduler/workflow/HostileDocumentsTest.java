package dev.spool.scheduler.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Documents written to hurt: each is refused with every problem named, and none costs more than its size. */
class HostileDocumentsTest {

    private final WorkflowIntake intake = new WorkflowIntake(WorkflowValidator.DEFAULT_MAX_TASKS);

    private List<Violation> refused(String document, WorkflowParser.Format format) {
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class, () -> intake.read(document, format));
        assertThat(error).as("refused").isNotNull();
        error.violations().forEach(violation -> assertThat(violation.message())
                .as("no Java internals in %s", violation)
                .doesNotContain("dev.spool", "java.", "JsonToken", "Exception", "`"));
        return error.violations();
    }

    private List<Violation> refusedYaml(String document) {
        return refused(document, WorkflowParser.Format.YAML);
    }

    @Test
    void everyWrongTypeUnknownFieldAndMeaningIsReportedAtOnce() {
        List<Violation> violations = refusedYaml("""
                name: many-problems
                limits:
                  max_stdout_bytes: lots
                tasks:
                  - id: a
                    command: [echo, a]
                    timeout: [5m]
                    retyr: {max_attempts: 2}
                  - id: b
                    command: [echo, b]
                    max_concurrency: several
                    depends_on: [c]
                """);
        assertThat(violations).extracting(Violation::path).contains(
                "limits.max_stdout_bytes", "tasks[0].timeout", "tasks[0].retyr", "tasks[1].max_concurrency", "tasks[1].depends_on[0]");
        assertThat(violations).allSatisfy(v -> assertThat(v.line()).as("line of %s", v).isNotNull());
        assertThat(violations).filteredOn(v -> v.path().equals("tasks[1].depends_on[0]")).singleElement()
                .satisfies(v -> assertThat(v.line()).isEqualTo(12));
        assertThat(violations).filteredOn(v -> v.path().equals("tasks[0].retyr")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("unknown field 'retyr'", "did you mean 'retry'?"));
    }

    @Test
    void anUnknownFieldIsLocatedAtItsOwnLine() {
        List<Violation> violations = refusedYaml("""
                name: x
                tasks:
                  - id: a
                    command: ls
                    dependson: [b]
                    env: {A: b}
                    priority: high
                """);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.message()).contains("unknown field 'dependson'");
            assertThat(v.line()).isEqualTo(5);
        });
    }

    @Test
    void yamlAliasesAreRefusedRatherThanReadAsTheirNames() {
        List<Violation> violations = refusedYaml("""
                name: &n hello
                tasks:
                  - {id: a, command: [echo, *n]}
                """);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.message()).contains("anchors, aliases and merge keys", "write the value out").containsAnyOf("'&n'", "'*n'");
            assertThat(v.line()).isNotNull();
        });
        assertThat(refusedYaml("""
                name: merge
                defaults_block: &base {command: [echo]}
                tasks:
                  - {<<: *base, id: a}
                """)).singleElement().satisfies(v -> assertThat(v.message()).contains("anchors, aliases"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\": \"a\\u0000b\", \"tasks\": [{\"id\": \"a\", \"command\": [\"true\"]}]}",
            "{\"name\": \"x\", \"env\": {\"X\": \"a\\u0000b\"}, \"tasks\": [{\"id\": \"a\", \"command\": [\"true\"]}]}",
            "{\"name\": \"x\", \"tasks\": [{\"id\": \"a\", \"command\": [\"echo\", \"\\u001b[31mred\"]}]}",
            "{\"name\": \"x\", \"tasks\": [{\"id\": \"a\", \"command\": [\"echo\", \"\\ud800\"]}]}",
            "{\"na\\u0000me\": \"x\", \"tasks\": [{\"id\": \"a\", \"command\": [\"true\"]}]}"})
    void controlCharactersAndBrokenTextAreRefusedWhereTheyAre(String document) {
        List<Violation> violations = refused(document, WorkflowParser.Format.JSON);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.message()).containsAnyOf("control character", "surrogate");
            assertThat(v.path()).doesNotContain("\u0000").isIn("name", "env.X", "tasks[0].command[1]", "$");
        });
    }

    @Test
    void deepNestingIsRefusedWithoutRecursion() {
        String deep = "name: x\ntasks: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
        assertThat(refusedYaml(deep)).singleElement().satisfies(v -> assertThat(v.message()).contains("nests deeper than"));
        String deepJson = "{\"name\": \"x\", \"tasks\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertThat(refused(deepJson, WorkflowParser.Format.JSON)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("nests deeper than"));
    }

    @Test
    void deeplyNestedOrLongConditionsAreRefused() {
        String parens = "(".repeat(1_000) + "a.succeeded" + ")".repeat(1_000);
        String chain = IntStream.range(0, 5_000).mapToObj(i -> "a.succeeded").collect(Collectors.joining(" && "));
        String nots = "!".repeat(1_000) + "a.succeeded";
        for (String when : List.of(parens, chain, nots)) {
            List<Violation> violations = refusedYaml("name: x\ntasks:\n  - {id: a, command: [true]}\n  - {id: b, command: [true], depends_on: [a], when: '"
                    + when + "'}\n");
            assertThat(violations).singleElement().satisfies(v -> {
                assertThat(v.path()).isEqualTo("tasks[1].when");
                assertThat(v.message()).containsAnyOf("nests deeper than", "characters, over the", "terms and operators");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "schedule_to_start_timeout: 99999999999h",
            "schedule_to_start_timeout: 8d",
            "timeout: 99999999999999999999s",
            "timeout: 30d",
            "timeout: {strategy: adaptive, base: 1m, max: 9999d}",
            "retry: {initial_delay: 99999999999h}",
            "retry: {max_delay: 2d}",
            "loop: {max_iterations: 3, until: 'exit_code == 99999999999999999999'}"})
    void durationsAndNumbersHaveUpperBounds(String field) {
        List<Violation> violations = refusedYaml("name: x\ntasks:\n  - id: a\n    command: [true]\n    " + field + "\n");
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).startsWith("tasks[0].");
            assertThat(v.message()).containsAnyOf("longer than", "too long a duration", "too large");
            assertThat(v.message()).doesNotContain("overflow");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "limits: {max_stdout_bytes: 9223372036854775807}",
            "limits: {external_storage_threshold: 2000000000000}",
            "limits: {max_lines: 999999999999, truncation_strategy: tail_lines}",
            "resources: {max_memory_mb: 9223372036854775807}",
            "resources: {max_open_files: 99999999999}"})
    void sizesHaveUpperBounds(String field) {
        List<Violation> violations = refusedYaml("name: x\ntasks:\n  - id: a\n    command: [true]\n    " + field + "\n");
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).contains("at most"));
    }

    @Test
    void aBacktrackingSummaryPatternIsRunnableAndALookaroundIsRefused() {
        intake.read("name: x\ntasks:\n  - id: a\n    command: [true]\n    limits: {truncation_strategy: summary, summary_patterns: ['(.*a){12}$']}\n",
                WorkflowParser.Format.YAML);
        List<Violation> violations = refusedYaml(
                "name: x\ntasks:\n  - id: a\n    command: [true]\n    limits: {truncation_strategy: summary, summary_patterns: ['(?=x)y']}\n");
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("tasks[0].limits.summary_patterns[0]");
            assertThat(v.message()).contains("RE2 syntax");
        });
    }

    @Test
    void thirtyThousandDependenciesAreCheckedAndTheAnswerStaysSmall() {
        String dependencies = IntStream.range(0, 30_000).mapToObj(i -> "t" + i).collect(Collectors.joining(", "));
        List<Violation> violations = refusedYaml("name: x\ntasks:\n  - {id: a, command: [true], depends_on: [" + dependencies + "]}\n");
        assertThat(violations).hasSize(WorkflowValidationException.MAX_REPORTED + 1);
        assertThat(violations.getLast().message()).contains("and 29900 more problems");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "just a string", "42", "- name: x\n  tasks: []"})
    void aDocumentThatIsNotAMappingSaysWhatItShouldBe(String document) {
        assertThat(refusedYaml(document)).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$");
            assertThat(v.message()).contains("mapping with 'name' and 'tasks'");
        });
    }
}
