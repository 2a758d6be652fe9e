package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The submitted document as it is kept with its run, without the values of its inline secrets: every
 * {@code {value: ..., secret: true}} keeps its place with {@value #REDACTED} as its value. The document is
 * written again from its tree, so no escaping or quoting of a value in the original text can let it through.
 */
public final class SourceRedaction {

    public static final String REDACTED = "[sealed]";
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SourceRedaction() {
    }

    /** A document that passed validation, with its inline secrets' values replaced. */
    public static String redact(String document, WorkflowParser.Format format) {
        ObjectMapper mapper = format == WorkflowParser.Format.JSON ? JSON : YAML;
        try {
            JsonNode tree = mapper.readTree(document);
            redactIn(tree);
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (Exception e) {
            // Failing safe: a document that cannot be written again is not kept at all, rather than kept whole.
            return format == WorkflowParser.Format.JSON ? "{}" : "# not kept: the document holds inline secrets\n";
        }
    }

    private static void redactIn(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("secret").asBoolean(false) && object.has("value")) {
            object.put("value", REDACTED);
        }
        node.forEach(SourceRedaction::redactIn);
    }
}
