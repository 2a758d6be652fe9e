package dev.spool.scheduler.workflow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WorkflowValidatorTest {

    private final WorkflowParser parser = new WorkflowParser();
    private final WorkflowValidator validator = new WorkflowValidator();

    private List<Violation> violations(String yaml) {
        WorkflowValidationException error = catchThrowableOfType(WorkflowValidationException.class,
                () -> validator.validate(parser.parse(yaml, WorkflowParser.Format.YAML)));
        assertThat(error).as("the workflow should have been refused").isNotNull();
        return error.violations();
    }

    @Test
    void aValidDiamondPassesWithoutWarnings() {
        List<String> warnings = validator.validate(parser.parse("""
                name: diamond
                tasks:
                  - {id: a, command: ls}
                  - {id: b, command: ls, depends_on: [a]}
                  - {id: c, command: ls, depends_on: [a]}
                  - {id: d, command: ls, depends_on: [b, c]}
                """, WorkflowParser.Format.YAML));
        assertThat(warnings).isEmpty();
    }

    @Test
    void unknownDependencyIsNamedWithItsPathAndASuggestion() {
        assertThat(violations("name: x\ntasks:\n  - {id: build, command: ls}\n  - {id: test, command: ls, depends_on: [biuld]}\n"))
                .containsExactly(new Violation("tasks[1].depends_on[0]",
                        "unknown task 'biuld'; did you mean 'build'? (tasks in this workflow: build, test)"));
    }

    @Test
    void cycleIsReportedWithItsPath() {
        assertThat(violations("""
                name: x
                tasks:
                  - {id: a, command: ls, depends_on: [c]}
                  - {id: b, command: ls, depends_on: [a]}
                  - {id: c, command: ls, depends_on: [b]}
                  - {id: d, command: ls}
                """)).singleElement().satisfies(violation -> {
            assertThat(violation.path()).isEqualTo("tasks[0].depends_on");
            assertThat(violation.message()).startsWith("dependency cycle: a -> c -> b -> a");
        });
    }

    @Test
    void selfDependencyIsRefused() {
        assertThat(violations("name: x\ntasks: [{id: a, command: ls, depends_on: [a]}]\n"))
                .containsExactly(new Violation("tasks[0].depends_on[0]", "task 'a' cannot depend on itself"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<Violation> found = violations("""
                limits: {max_stdout_bytes: -1}
                tasks:
                  - {id: a, command: ls, script: "ls"}
                  - {id: a}
                  - {id: "bad id!", command: []}
                  - {command: ls, env: {"1X": y}}
                """);
        assertThat(found).extracting(Violation::path).containsExactlyInAnyOrder(
                "name", "limits.max_stdout_bytes", "tasks[0]", "tasks[1].id", "tasks[1]", "tasks[2].id", "tasks[2].command",
                "tasks[3].id", "tasks[3].env.1X");
        assertThat(found).filteredOn(v -> v.path().equals("tasks[1].id")).singleElement()
                .extracting(Violation::message).asString().contains("duplicate task id 'a'");
        assertThat(found).filteredOn(v -> v.path().equals("limits.max_stdout_bytes")).singleElement()
                .extracting(Violation::message).asString().contains("must not be negative");
    }

    @Test
    void emptyTaskListIsRefused() {
        assertThat(violations("name: x\ntasks: []\n")).containsExactly(new Violation("tasks", "required: a workflow needs at least one task"));
    }

    @Test
    void limitsUnder1KbOrOver100MbAreWarnings() {
        List<String> warnings = validator.validate(parser.parse("""
                name: x
                limits: {max_stdout_bytes: 100, external_storage_threshold: 200000000}
                tasks: [{id: a, command: ls}]
                """, WorkflowParser.Format.YAML));
        assertThat(warnings).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("limits.max_stdout_bytes").contains("under 1 KB"))
                .anySatisfy(w -> assertThat(w).startsWith("limits.external_storage_threshold").contains("over 100 MB"));
    }

    @Test
    void aStrategyThatIsNotAvailableYetIsAWarningNotASilentChange() {
        List<String> warnings = validator.validate(parser.parse(
                "name: x\ntasks: [{id: a, command: ls, limits: {truncation_strategy: head}}]\n", WorkflowParser.Format.YAML));
        assertThat(warnings).singleElement().asString().startsWith("tasks[0].limits.truncation_strategy").contains("keep the tail");
    }

    @Test
    void keptBytesAboveTheInlineBoundAreRefusedWithTheWayOut() {
        assertThat(violations("name: x\ntasks: [{id: a, command: ls, limits: {max_stdout_bytes: 5000000}}]\n"))
                .singleElement().satisfies(violation -> {
                    assertThat(violation.path()).isEqualTo("tasks[0].limits");
                    assertThat(violation.message()).contains("external_storage_threshold");
                });
    }

    @Test
    void aLongChainIsNotACycle() {
        StringBuilder yaml = new StringBuilder("name: chain\ntasks:\n  - {id: t0, command: ls}\n");
        for (int i = 1; i < 10_000; i++) {
            yaml.append("  - {id: t").append(i).append(", command: ls, depends_on: [t").append(i - 1).append("]}\n");
        }
        assertThat(validator.validate(parser.parse(yaml.toString(), WorkflowParser.Format.YAML))).isEmpty();
    }
}
