package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a workflow from YAML or JSON. Syntax errors name the line and column; fields that do not exist
 * or have the wrong type name their path, such as {@code tasks[1].depends_on}.
 */
public final class WorkflowParser {

    public enum Format { YAML, JSON }

    private final ObjectMapper yaml = configure(YAMLMapper.builder().build());
    private final ObjectMapper json = configure(JsonMapper.builder().build());

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION.mappedFeature());
    }

    public WorkflowSpec parse(String document, Format format) {
        if (document == null || document.isBlank()) {
            throw new WorkflowValidationException(List.of(new Violation("$", "the request body is empty; send a workflow as YAML or JSON")));
        }
        try {
            WorkflowSpec spec = (format == Format.JSON ? json : yaml).readValue(document, WorkflowSpec.class);
            if (spec == null) {
                throw new WorkflowValidationException(List.of(new Violation("$", "the document holds no workflow")));
            }
            return spec;
        } catch (UnrecognizedPropertyException e) {
            String field = e.getPropertyName();
            List<String> known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            throw new WorkflowValidationException(List.of(new Violation(path(e),
                    "unknown field '" + field + "'" + Suggestions.didYouMean(field, known) + " (known fields here: " + String.join(", ", known) + ")")));
        } catch (InvalidFormatException e) {
            throw new WorkflowValidationException(List.of(new Violation(path(e),
                    "cannot read '" + e.getValue() + "' as " + describe(e.getTargetType()))));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new WorkflowValidationException(List.of(new Violation(path(e), cause.getMessage())));
        } catch (JsonMappingException e) {
            String problem = e.getCause() instanceof StreamReadException syntax
                    ? "malformed " + format.name() + ": " + oneLine(syntax.getOriginalMessage())
                    : oneLine(e.getOriginalMessage());
            throw new WorkflowValidationException(List.of(new Violation(path(e), problem)));
        } catch (JsonProcessingException e) {
            throw new WorkflowValidationException(List.of(new Violation(location(e.getLocation()),
                    "malformed " + format.name() + ": " + oneLine(e.getOriginalMessage()))));
        }
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return location(e.getLocation());
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String where = location(e.getLocation());
        return where.equals("$") ? path.toString() : path + " (" + where + ")";
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "$";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).map(String::toLowerCase)
                    .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a whole number";
        }
        return "a " + type.getSimpleName().toLowerCase();
    }

    /** A parser's explanation, which can span several lines, as one line without the source excerpt. */
    private static String oneLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        return java.util.Arrays.stream(message.split("\n"))
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("in 'reader'") && !line.startsWith("^") && !line.startsWith("at [Source"))
                .collect(Collectors.joining("; "));
    }
}
