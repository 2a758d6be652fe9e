package dev.spool.scheduler.workflow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example workflow shipped in deploy/examples is valid and draws no warning. */
class ExamplesTest {

    @Test
    void everyShippedExampleIsAValidWorkflow() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("../deploy/examples"))) {
            examples = files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            WorkflowSpec spec = new WorkflowParser().parse(Files.readString(example), WorkflowParser.Format.YAML);
            assertThat(new WorkflowValidator().validate(spec)).as(example.toString()).isEmpty();
        }
    }
}
