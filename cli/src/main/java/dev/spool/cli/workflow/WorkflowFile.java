package dev.spool.cli.workflow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.spool.cli.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A workflow file as it is sent: its bytes unchanged, so that the gateway's lines and columns are the file's, or,
 * with {@code --set} overrides, the document with them applied.
 *
 * @param contentType {@code application/json} for a {@code .json} file, YAML otherwise
 */
public record WorkflowFile(Path path, byte[] body, String contentType, boolean rewritten) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    public static WorkflowFile read(Path path, List<String> overrides) {
        byte[] body;
        try {
            body = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw CliException.invalidInput("there is no file " + path + (path.isAbsolute() ? "" : " (in " + Path.of("").toAbsolutePath() + ")")
                    + "; check the path");
        } catch (IOException e) {
            throw CliException.invalidInput("cannot read " + path + ": " + (Files.isDirectory(path) ? "it is a directory" : e.getMessage())
                    + "; give a workflow file (YAML or JSON)");
        }
        String contentType = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                ? "application/json" : "application/yaml";
        if (overrides.isEmpty()) {
            return new WorkflowFile(path, body, contentType, false);
        }
        JsonNode document;
        try {
            document = YAML.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CliException(dev.spool.cli.ExitCode.INVALID_INPUT, "invalid_workflow", path + " is not valid YAML, so --set cannot apply",
                    List.of(new CliException.Violation("", e.getOriginalMessage(), at == null ? null : at.getLineNr(),
                            at == null ? null : at.getColumnNr())));
        } catch (IOException e) {
            throw CliException.invalidInput("cannot read " + path + ": " + e.getMessage());
        }
        if (document == null || !document.isObject()) {
            throw CliException.invalidInput(path + " is not a workflow (a mapping with name and tasks), so --set cannot apply");
        }
        for (String override : overrides) {
            Overrides.apply(document, override);
        }
        try {
            return new WorkflowFile(path, YAML.writeValueAsBytes(document), "application/yaml", true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the workflow", e);
        }
    }
}
