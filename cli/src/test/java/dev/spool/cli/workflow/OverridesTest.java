package dev.spool.cli.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.spool.cli.CliException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverridesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String WORKFLOW = """
            name: nightly
            env: {STAGE: ci}
            tasks:
              - id: build
                command: [make]
              - id: test
                command: [make, test]
            """;

    @TempDir
    Path dir;

    private JsonNode applied(String... overrides) throws IOException {
        Path file = dir.resolve("wf.yaml");
        Files.writeString(file, WORKFLOW);
        return YAML.readTree(WorkflowFile.read(file, List.of(overrides)).body());
    }

    @Test
    void setsFieldsByPathWithValuesReadAsYaml() throws IOException {
        JsonNode workflow = applied("name=nightly-2", "env.STAGE=prod", "max_parallel=4", "keep_work_dir=true", "limits.max_stdout_bytes=1024");

        assertThat(workflow.path("name").asText()).isEqualTo("nightly-2");
        assertThat(workflow.path("env").path("STAGE").asText()).isEqualTo("prod");
        assertThat(workflow.path("max_parallel").isInt()).isTrue();
        assertThat(workflow.path("keep_work_dir").isBoolean()).isTrue();
        assertThat(workflow.path("limits").path("max_stdout_bytes").asInt()).isEqualTo(1024);
    }

    @Test
    void aTaskIsNamedByItsIdOrItsIndex() throws IOException {
        JsonNode workflow = applied("tasks.test.timeout=5m", "tasks.0.priority=high", "tasks.build.command=[make, -j4]");

        assertThat(workflow.path("tasks").get(1).path("timeout").asText()).isEqualTo("5m");
        assertThat(workflow.path("tasks").get(0).path("priority").asText()).isEqualTo("high");
        assertThat(workflow.path("tasks").get(0).path("command").get(1).asText()).isEqualTo("-j4");
    }

    @Test
    void withoutOverridesTheFileIsSentByteForByteSoTheGatewaysLinesAreTheFiles() throws IOException {
        Path file = dir.resolve("wf.yaml");
        Files.writeString(file, WORKFLOW);

        WorkflowFile workflow = WorkflowFile.read(file, List.of());

        assertThat(new String(workflow.body())).isEqualTo(WORKFLOW);
        assertThat(workflow.contentType()).isEqualTo("application/yaml");
        assertThat(workflow.rewritten()).isFalse();
    }

    @Test
    void aJsonFileIsSentAsJson() throws IOException {
        Path file = dir.resolve("wf.json");
        Files.writeString(file, "{\"name\": \"x\", \"tasks\": []}");

        assertThat(WorkflowFile.read(file, List.of()).contentType()).isEqualTo("application/json");
    }

    @Test
    void badOverridesSayHowToWriteThem() {
        assertThatThrownBy(() -> applied("name")).hasMessageContaining("path=value");
        assertThatThrownBy(() -> applied("tasks.deploy.timeout=1m")).hasMessageContaining("tasks.deploy names no element")
                .hasMessageContaining("task's id");
        assertThatThrownBy(() -> applied("env..X=1")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> applied("name.first=x")).isInstanceOf(CliException.class);
    }

    @Test
    void aMissingFileSaysWhereItWasLookedFor() {
        assertThatThrownBy(() -> WorkflowFile.read(dir.resolve("nope.yaml"), List.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("there is no file").hasMessageContaining("nope.yaml");
    }

    @Test
    void invalidYamlWithOverridesIsReportedWithItsLine() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "name: x\ntasks:\n  - id: [unclosed\n");

        assertThatThrownBy(() -> WorkflowFile.read(file, List.of("name=y")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(violation -> assertThat(violation.line()).isGreaterThanOrEqualTo(3)));
    }
}
