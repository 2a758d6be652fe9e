package dev.spool.scheduler.workflow;

import dev.spool.contracts.TaskCommand;
import dev.spool.contracts.TruncationStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WorkflowParserTest {

    private final WorkflowParser parser = new WorkflowParser();

    @Test
    void readsTheWholeMinimumLanguageFromYaml() {
        WorkflowSpec spec = parser.parse("""
                name: build
                limits:
                  max_stdout_bytes: 2048
                  max_stderr_bytes: 1024
                  truncation_strategy: tail
                  external_storage_threshold: 4096
                env: {STAGE: ci}
                tasks:
                  - id: compile
                    command: [make, -j2]
                    env: {CC: gcc}
                  - id: test
                    command: make test | tee log
                    depends_on: [compile]
                  - id: report
                    script: |
                      echo one
                      echo two
                    depends_on: [test]
                    limits: {max_stdout_bytes: 100000}
                """, WorkflowParser.Format.YAML);

        assertThat(spec.name()).isEqualTo("build");
        assertThat(spec.limits()).isEqualTo(new LimitsSpec(2048L, 1024L, null, TruncationStrategy.TAIL, null, 4096L, null, null, null, null, null, null));
        assertThat(spec.env()).containsEntry("STAGE", new EnvValue("ci", false));
        assertThat(spec.tasks()).extracting(TaskSpec::id).containsExactly("compile", "test", "report");
        assertThat(spec.tasks().get(0).effectiveCommand()).isEqualTo(new TaskCommand.Argv(List.of("make", "-j2")));
        assertThat(spec.tasks().get(1).effectiveCommand()).isEqualTo(new TaskCommand.Shell("make test | tee log"));
        assertThat(spec.tasks().get(2).effectiveCommand()).isEqualTo(new TaskCommand.Script("echo one\necho two\n"));
        assertThat(spec.tasks().get(2).dependencyIds()).containsExactly("test");
        assertThat(spec.tasks().get(2).limits().orElse(spec.limits()).resolve().maxStdoutBytes()).isEqualTo(100000);
        assertThat(spec.tasks().get(2).limits().orElse(spec.limits()).resolve().maxStderrBytes()).isEqualTo(1024);
    }

    @Test
    void readsJson() {
        WorkflowSpec spec = parser.parse("""
                {"name": "j", "tasks": [{"id": "a", "command": ["true"]}, {"id": "b", "command": "true", "depends_on": ["a"]}]}
                """, WorkflowParser.Format.JSON);
        assertThat(spec.tasks()).extracting(TaskSpec::id).containsExactly("a", "b");
    }

    @Test
    void malformedYamlNamesTheLineAndWhatWasExpected() {
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class,
                () -> parser.parse("name: x\ntasks:\n  - id: a\n    command: [echo\n", WorkflowParser.Format.YAML));
        assertThat(error.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.line()).isEqualTo(4);
            assertThat(violation.message()).startsWith("malformed YAML").contains("expected ',' or ']'");
        });
    }

    @Test
    void malformedJsonNamesTheLine() {
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class,
                () -> parser.parse("{\"name\": \"x\",\n \"tasks\": [}", WorkflowParser.Format.JSON));
        assertThat(error.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).isEqualTo("tasks");
            assertThat(violation.line()).isEqualTo(2);
            assertThat(violation.column()).isEqualTo(12);
            assertThat(violation.message()).startsWith("malformed JSON");
        });
    }

    @Test
    void unknownFieldSuggestsTheClosestKnownOne() {
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class,
                () -> parser.parse("name: x\ntasks:\n  - id: a\n    command: ls\n    dependson: [b]\n", WorkflowParser.Format.YAML));
        assertThat(error.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).startsWith("tasks[0].dependson");
            assertThat(violation.message()).contains("unknown field 'dependson'").contains("did you mean 'depends_on'?");
        });
    }

    @Test
    void wrongTypeNamesThePathAndTheExpectedType() {
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class,
                () -> parser.parse("name: x\nlimits:\n  max_stdout_bytes: lots\ntasks: [{id: a, command: ls}]\n", WorkflowParser.Format.YAML));
        assertThat(error.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).startsWith("limits.max_stdout_bytes");
            assertThat(violation.message()).contains("'lots'").contains("whole number");
        });
    }

    @Test
    void unknownTruncationStrategyListsTheValidOnes() {
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class,
                () -> parser.parse("name: x\nlimits: {truncation_strategy: middle}\ntasks: [{id: a, command: ls}]\n", WorkflowParser.Format.YAML));
        assertThat(error.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).startsWith("limits.truncation_strategy");
            assertThat(violation.message()).contains("'middle'").contains("head, tail, both, head_lines, tail_lines, summary");
        });
    }

    @Test
    void commandOfTheWrongShapeIsRefused() {
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class,
                () -> parser.parse("name: x\ntasks: [{id: a, command: {run: ls}}]\n", WorkflowParser.Format.YAML));
        assertThat(error.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).startsWith("tasks[0].command");
            assertThat(violation.message()).contains("a string").contains("a list of strings");
        });
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> parser.parse("name: x\nname: y\ntasks: [{id: a, command: ls}]\n", WorkflowParser.Format.YAML))
                .isInstanceOf(WorkflowValidationException.class)
                .hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void emptyBodyIsRefused() {
        assertThatThrownBy(() -> parser.parse("  \n", WorkflowParser.Format.YAML))
                .isInstanceOf(WorkflowValidationException.class)
                .hasMessageContaining("the request body is empty");
    }
}
