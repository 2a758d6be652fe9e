package dev.spool.scheduler.workflow;

import dev.spool.support.Texts;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a workflow from YAML or JSON in two linear passes. The first ({@link DocumentScan}) checks the syntax, the
 * text and the nesting; the second binds the records and collects every wrong field and type at once
 * ({@link ReadProblems}). Problems name their field path, such as {@code tasks[1].depends_on}, and their line.
 */
public final class WorkflowParser {

    public enum Format { YAML, JSON }

    private static final java.util.regex.Pattern TOO_LARGE = java.util.regex.Pattern.compile("Numeric value \\(([^)]{1,40})\\) out of range of (int|long)");

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

    /** A workflow read from a document, with where each of its fields is in it. */
    public record Parsed(WorkflowSpec spec, Map<String, JsonLocation> locations) {

        /** The violations, each given the line and column of its path (or of the nearest enclosing one) where it had none. */
        public List<Violation> locate(List<Violation> violations) {
            return violations.stream().map(this::locate).toList();
        }

        private Violation locate(Violation violation) {
            if (violation.line() != null) {
                return violation;
            }
            for (String path = violation.path(); !path.isEmpty() && !path.equals("$"); path = Violation.parent(path)) {
                JsonLocation location = locations.get(path);
                if (location != null && location.getLineNr() > 0) {
                    return Violation.at(violation.path(), location, violation.message());
                }
            }
            return violation;
        }
    }

    public WorkflowSpec parse(String document, Format format) {
        return read(document, format).spec();
    }

    public Parsed read(String document, Format format) {
        if (document == null || document.isBlank()) {
            throw new WorkflowValidationException(List.of(new Violation("$", "the request body is empty; send a workflow as YAML or JSON")));
        }
        ObjectMapper mapper = format == Format.JSON ? json : yaml;
        Map<String, JsonLocation> locations;
        List<Violation> unknownFields;
        try (JsonParser scanner = mapper.createParser(document)) {
            List<Violation> problems;
            try {
                DocumentScan.Result scan = DocumentScan.scan(scanner);
                problems = scan.problems();
                locations = scan.locations();
                unknownFields = scan.unknownFields();
            } catch (JsonProcessingException e) {
                problems = List.of(Violation.at(ReadProblems.path(scanner), e.getLocation(),
                        "malformed " + format.name() + ": " + oneLine(e.getOriginalMessage())));
                locations = Map.of();
                unknownFields = List.of();
            }
            if (!problems.isEmpty()) {
                throw new WorkflowValidationException(problems);
            }
        } catch (IOException e) {
            throw new WorkflowValidationException(List.of(new Violation("$", "unreadable " + format.name() + " document")));
        }

        ReadProblems problems = new ReadProblems();
        problems.found().addAll(unknownFields);
        ObjectReader reader = mapper.readerFor(WorkflowSpec.class).withHandler(problems).withAttribute(problems.attribute(), problems);
        WorkflowSpec spec = null;
        try (JsonParser parser = mapper.createParser(document)) {
            try {
                spec = reader.readValue(parser);
            } catch (InputCoercionException e) {
                problems.found().add(Violation.at(ReadProblems.path(parser), e.getLocation(), "the number " + Texts.quote(parser.getText())
                        + " is too large here: at most " + (e.getTargetType() == Integer.TYPE || e.getTargetType() == Integer.class
                        ? Integer.MAX_VALUE : Long.MAX_VALUE)));
            } catch (JsonMappingException e) {
                java.util.regex.Matcher number = TOO_LARGE.matcher(String.valueOf(e.getOriginalMessage()));
                problems.found().add(Violation.at(path(e), e.getLocation(), number.find()
                        ? "the number " + number.group(1) + " is too large here: at most " + (number.group(2).equals("int") ? Integer.MAX_VALUE : Long.MAX_VALUE)
                        : oneLine(e.getOriginalMessage())));
            }
        } catch (IOException e) {
            problems.found().add(Violation.at("$", null, "unreadable " + format.name() + " document"));
        }
        if (spec == null && problems.found().isEmpty()) {
            problems.found().add(new Violation("$", "the document holds no workflow: write a mapping with 'name' and 'tasks'"));
        }
        Parsed parsed = new Parsed(spec, locations);
        if (!problems.found().isEmpty()) {
            throw new ReadFailure(parsed, parsed.locate(problems.found()));
        }
        return parsed;
    }

    /**
     * A document that was read, but with fields that could not be: those fields are absent from {@link #partial()}, so
     * that the validator can still report the problems of the rest.
     */
    public static final class ReadFailure extends WorkflowValidationException {
        private final transient Parsed partial;
        private final List<Violation> readProblems;

        ReadFailure(Parsed partial, List<Violation> readProblems) {
            super(readProblems);
            this.partial = partial;
            this.readProblems = new ArrayList<>(readProblems);
        }

        public Parsed partial() {
            return partial;
        }

        public List<Violation> readProblems() {
            return readProblems;
        }
    }

    private static String path(JsonMappingException e) {
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
        return path.isEmpty() ? "$" : path.toString();
    }

    /**
     * A parser's explanation as one line, without the source excerpt and without the names of Java types, which mean
     * nothing to the person who wrote the workflow.
     */
    private static String oneLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        return Arrays.stream(message.split("\n"))
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("in 'reader'") && !line.startsWith("^") && !line.startsWith("at [Source"))
                .map(line -> line.replaceAll("`[^`]*`", "the value").replaceAll("\\(for [^)]*\\)", "").replaceAll("JsonToken\\.\\w+", "a token"))
                .collect(Collectors.joining("; "));
    }
}
