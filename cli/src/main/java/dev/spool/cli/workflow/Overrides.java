package dev.spool.cli.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.spool.cli.CliException;

/**
 * {@code --set path=value}: a field of the workflow set before it is submitted. The path is dotted; on the task list a
 * segment is a task's id ({@code tasks.build.timeout=5m}) or an index ({@code tasks.0.priority=high}). The value is
 * read as YAML, so {@code 3}, {@code true} and {@code [a, b]} are a number, a boolean and a list, and anything else is
 * text. A field that does not exist yet is added; the gateway then checks the document as any other.
 */
public final class Overrides {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Overrides() {
    }

    public static void apply(JsonNode document, String override) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            throw CliException.invalidInput("--set " + override + ": write it as path=value, such as --set env.STAGE=prod or --set tasks.build.timeout=5m");
        }
        String path = override.substring(0, equals).strip();
        JsonNode value = value(override.substring(equals + 1));
        String[] segments = path.split("\\.", -1);
        JsonNode node = document;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                throw CliException.invalidInput("--set " + override + ": the path " + path + " has an empty segment");
            }
            boolean last = i == segments.length - 1;
            String where = String.join(".", java.util.Arrays.copyOf(segments, i + 1));
            if (node instanceof ObjectNode object) {
                if (last) {
                    object.set(segment, value);
                    return;
                }
                JsonNode next = object.get(segment);
                if (next == null || next.isNull()) {
                    next = object.putObject(segment);
                } else if (next.isValueNode()) {
                    throw CliException.invalidInput("--set " + override + ": " + where + " is a value (" + next.asText()
                            + "), not a mapping; set " + where + " itself");
                }
                node = next;
            } else if (node instanceof ArrayNode array) {
                int index = indexOf(array, segment);
                if (index < 0) {
                    throw CliException.invalidInput("--set " + override + ": " + where + " names no element of "
                            + String.join(".", java.util.Arrays.copyOf(segments, i)) + "; give a task's id or an index from 0 to " + (array.size() - 1));
                }
                if (last) {
                    array.set(index, value);
                    return;
                }
                node = array.get(index);
            } else {
                throw CliException.invalidInput("--set " + override + ": " + where + " is inside a value that is neither a mapping nor a list");
            }
        }
    }

    private static int indexOf(ArrayNode array, String segment) {
        for (int i = 0; i < array.size(); i++) {
            if (segment.equals(array.get(i).path("id").asText(null))) {
                return i;
            }
        }
        if (segment.chars().allMatch(Character::isDigit) && segment.length() < 10) {
            int index = Integer.parseInt(segment);
            return index < array.size() ? index : -1;
        }
        return -1;
    }

    private static JsonNode value(String text) {
        if (text.isEmpty()) {
            return YAML.getNodeFactory().textNode("");
        }
        try {
            JsonNode parsed = YAML.readTree(text);
            return parsed == null || parsed.isMissingNode() ? YAML.getNodeFactory().textNode(text) : parsed;
        } catch (Exception e) {
            return YAML.getNodeFactory().textNode(text);
        }
    }
}
