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
    void spoolsOwnVariablesCannotBeSetByAWorkflow() {
        assertThat(violations("""
                name: x
                env: {SPOOL_RUN_ID: forged}
                tasks: [{id: a, command: ls, env: {SPOOL_CONTEXT_FILE: /etc/passwd, spool_lower: fine}}]
                """)).extracting(Violation::path).containsExactly("env.SPOOL_RUN_ID", "tasks[0].env.SPOOL_CONTEXT_FILE");
        assertThat(violations("name: x\ntasks: [{id: a, command: ls, env: {SPOOL_X: y}}]\n")).singleElement()
                .satisfies(violation -> assertThat(violation.message()).contains("Spool's own").contains("rename it"));
    }

    @Test
    void loaderVariablesAreRefusedUnlessAnOperatorAllowsThem() {
        String yaml = "name: x\ntasks: [{id: a, command: ls, env: {LD_PRELOAD: /tmp/evil.so, LD_LIBRARY_PATH: /opt/lib}}]\n";
        assertThat(violations(yaml)).extracting(Violation::path)
                .containsExactly("tasks[0].env.LD_PRELOAD", "tasks[0].env.LD_LIBRARY_PATH");
        assertThat(violations(yaml).getFirst().message()).contains("spool.scheduler.allowed-loader-env");

        WorkflowValidator permissive = new WorkflowValidator(WorkflowValidator.DEFAULT_MAX_TASKS, java.util.Set.of("LD_LIBRARY_PATH"));
        WorkflowValidationException refused = catchThrowableOfType(WorkflowValidationException.class,
                () -> permissive.validate(parser.parse(yaml, WorkflowParser.Format.YAML)));
        assertThat(refused.violations()).extracting(Violation::path).containsExactly("tasks[0].env.LD_PRELOAD");
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
    void everyCaptureAndProcessFieldIsReadAndResolvedWithItsFallbacks() {
        WorkflowSpec spec = parser.parse("""
                name: full
                keep_work_dir: true
                limits: {max_stdout_bytes: 4096, truncation_strategy: summary, max_combined_bytes: 6000, compress_external: false}
                env:
                  API_TOKEN: {value: s3cr3t-token, secret: true}
                  PLAIN: visible
                tasks:
                  - id: a
                    platform_commands:
                      unix: {command: find, args: [".", "-name", "*.db"]}
                      windows: [powershell, -Command, dir]
                    limits: {truncation_strategy: head_lines, max_lines: 20, summary_patterns: ["^FATAL"]}
                    timeout: {strategy: adaptive, base: 30s, max: 5m, size_factor: 1.5, size_path: data}
                    resources: {max_memory_mb: 512, max_cpu_seconds: 60, max_open_files: 256, max_processes: 32, kill_on_exceed: false}
                    success_exit_codes: [0, 3]
                    keep_work_dir: false
                  - {id: b, command: "true", timeout: 90, depends_on: [a]}
                  - {id: c, command: "true", timeout: 1h30m}
                """, WorkflowParser.Format.YAML);
        assertThat(validator.validate(spec)).isEmpty();

        TaskSpec a = spec.tasks().get(0);
        var limits = a.effectiveLimits(spec.limits());
        assertThat(limits.maxStdoutBytes()).isEqualTo(4096);
        assertThat(limits.maxCombinedBytes()).isEqualTo(6000);
        assertThat(limits.truncationStrategy()).isEqualTo(dev.spool.contracts.TruncationStrategy.HEAD_LINES);
        assertThat(limits.maxLines()).isEqualTo(20);
        assertThat(limits.compressExternal()).isFalse();
        assertThat(limits.summaryPatterns()).containsExactly("^FATAL");
        assertThat(a.effectiveTimeout(DefaultsSpec.NONE)).isEqualTo(new dev.spool.contracts.TaskTimeout.Adaptive(30_000, 300_000, 1.5, "data"));
        assertThat(a.effectiveResources(DefaultsSpec.NONE)).isEqualTo(new dev.spool.contracts.ResourceLimits(512L, 60L, 256L, 32L, false));
        assertThat(a.effectiveCommand()).isEqualTo(new dev.spool.contracts.TaskCommand.PlatformSpecific(
                new dev.spool.contracts.TaskCommand.Argv(List.of("find", ".", "-name", "*.db")),
                new dev.spool.contracts.TaskCommand.Argv(List.of("powershell", "-Command", "dir")), null));
        assertThat(spec.env().get("API_TOKEN")).isEqualTo(new EnvValue("s3cr3t-token", true));
        assertThat(spec.env().get("PLAIN")).isEqualTo(new EnvValue("visible", false));
        assertThat(spec.tasks().get(1).effectiveTimeout(DefaultsSpec.NONE)).isEqualTo(new dev.spool.contracts.TaskTimeout.Fixed(90_000));
        assertThat(spec.tasks().get(2).effectiveTimeout(DefaultsSpec.NONE)).isEqualTo(new dev.spool.contracts.TaskTimeout.Fixed(5_400_000));
        var defaults = spec.tasks().get(2).effectiveLimits(null);
        assertThat(defaults.maxCombinedBytes()).isEqualTo(defaults.maxStdoutBytes() + defaults.maxStderrBytes());
    }

    @Test
    void badProcessSettingsAreEachNamedWithTheirPath() {
        assertThat(violations("""
                name: x
                tasks:
                  - id: a
                    command: ls
                    timeout: {strategy: adaptive, base: 10s, max: 5s, size_factor: 0}
                    resources: {max_memory_mb: 0, max_processes: -1}
                    success_exit_codes: [0, 300]
                    limits: {max_lines: -1, summary_patterns: ["(unclosed"], max_combined_bytes: -5}
                """)).extracting(Violation::path).containsExactlyInAnyOrder(
                "tasks[0].limits.max_combined_bytes", "tasks[0].limits.max_lines", "tasks[0].limits.summary_patterns[0]",
                "tasks[0].timeout.max", "tasks[0].timeout.size_factor", "tasks[0].resources.max_memory_mb",
                "tasks[0].resources.max_processes", "tasks[0].success_exit_codes[1]");
    }

    @Test
    void aTaskGivesExactlyOneKindOfCommand() {
        assertThat(violations("name: x\ntasks: [{id: a, command: ls, platform_commands: {unix: ls}}]\n"))
                .singleElement().extracting(Violation::message).asString().contains("not several");
        assertThat(violations("name: x\ntasks: [{id: a, platform_commands: {}}]\n"))
                .singleElement().extracting(Violation::path).isEqualTo("tasks[0].platform_commands");
    }

    @Test
    void unreadableTimeoutsAndEnvEntriesSayWhatIsExpected() {
        assertThat(catchThrowableOfType(WorkflowValidationException.class, () -> parser.parse(
                "name: x\ntasks: [{id: a, command: ls, timeout: soon}]\n", WorkflowParser.Format.YAML)).getMessage())
                .contains("tasks[0].timeout", "'soon' is not a duration");
        assertThat(catchThrowableOfType(WorkflowValidationException.class, () -> parser.parse(
                "name: x\ntasks: [{id: a, command: ls, timeout: {strategy: adaptive, base: 1s, maks: 2s}}]\n", WorkflowParser.Format.YAML)).getMessage())
                .contains("unknown field 'maks'", "did you mean 'max'");
        assertThat(catchThrowableOfType(WorkflowValidationException.class, () -> parser.parse(
                "name: x\nenv: {T: {secret: true}}\ntasks: [{id: a, command: ls}]\n", WorkflowParser.Format.YAML)).getMessage())
                .contains("env.T", "needs 'value'");
    }

    @Test
    void aGatewayWithoutAKeyRefusesInlineSecretsButTakesReferences() {
        WorkflowValidator keyless = new WorkflowValidator(WorkflowValidator.DEFAULT_MAX_TASKS, java.util.Set.of(), false);

        assertThat(catchThrowableOfType(WorkflowValidationException.class, () -> keyless.validate(parser.parse(
                "name: x\ntasks: [{id: a, command: ls, env: {T: {value: s3cr3t-value, secret: true}}}]\n", WorkflowParser.Format.YAML))).getMessage())
                .contains("tasks[0].env.T", "no key to seal it", "spool.secrets.key", "secret_ref");
        assertThat(keyless.validate(parser.parse("name: x\ntasks: [{id: a, command: ls, env: {T: {secret_ref: db-password}, U: plain}}]\n",
                WorkflowParser.Format.YAML))).isEmpty();
    }

    @Test
    void aVeryShortSecretIsAWarning() {
        assertThat(validator.validate(parser.parse("name: x\nenv: {T: {value: ab, secret: true}}\ntasks: [{id: a, command: ls}]\n",
                WorkflowParser.Format.YAML))).singleElement().asString().startsWith("env.T");
    }

    @Test
    void keptBytesAboveWhatAWorkerHoldsAreRefusedWithTheWayOut() {
        assertThat(validator.validate(parser.parse("name: x\ntasks: [{id: a, command: ls, limits: {max_stdout_bytes: 50000000}}]\n",
                WorkflowParser.Format.YAML))).as("50 MB kept is allowed, through storage").isEmpty();
        assertThat(violations("name: x\ntasks: [{id: a, command: ls, limits: {max_stdout_bytes: 300000000}}]\n"))
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
