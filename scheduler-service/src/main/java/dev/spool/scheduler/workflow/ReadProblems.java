package dev.spool.scheduler.workflow;

import dev.spool.support.Texts;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collects every problem met while a document is bound to the workflow's records, instead of stopping at the first:
 * the field is read as absent and binding goes on, so one wrong type does not hide the others. Each problem names
 * the field's path and the line and column of its value, and says in the workflow's own words what is expected.
 */
final class ReadProblems extends DeserializationProblemHandler {

    private static final String ATTRIBUTE = ReadProblems.class.getName();

    private final List<Violation> found = new ArrayList<>();

    List<Violation> found() {
        return found;
    }

    String attribute() {
        return ATTRIBUTE;
    }

    /** Where a value starts: taken before a custom reader consumes it. */
    record Where(String path, JsonLocation location) {
    }

    static Where here(JsonParser parser) {
        return new Where(path(parser), parser.currentTokenLocation());
    }

    /**
     * For the workflow's own readers: records the problem and reads the value as absent. The reader must already have
     * consumed the value (a scalar, or the whole structure through {@code readTree}).
     */
    static <T> T report(DeserializationContext context, Where where, String message) {
        try {
            // A value the reader refused without reading (a list where a string was expected) is skipped whole.
            context.getParser().skipChildren();
        } catch (IOException e) {
            throw new WorkflowValidationException(List.of(new Violation(where.path(), "unreadable value")));
        }
        Object handler = context.getAttribute(ATTRIBUTE);
        Violation violation = Violation.at(where.path(), where.location(), message);
        if (handler instanceof ReadProblems problems) {
            problems.found.add(violation);
            return null;
        }
        // Outside a workflow parse (never in the gateway), fall back to failing at the first problem.
        throw new WorkflowValidationException(List.of(violation));
    }

    /** Unknown fields are named by the document scan, at their exact path and line; binding passes over them. */
    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        parser.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType, String value, String failureMsg) {
        add(context.getParser(), "cannot read " + Texts.quote(value) + " as " + describe(targetType));
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext context, Class<?> targetType, Number value, String failureMsg) {
        add(context.getParser(), "cannot read " + value + " as " + describe(targetType));
        return null;
    }

    @Override
    public Object handleWeirdKey(DeserializationContext context, Class<?> keyType, String key, String failureMsg) {
        add(context.getParser(), "cannot read the key " + Texts.quote(key) + " as " + describe(keyType));
        return null;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token, JsonParser parser,
                                        String failureMsg) throws IOException {
        return wrongShape(parser, targetType.getRawClass());
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext context, Class<?> type, ValueInstantiator instantiator,
                                            JsonParser parser, String message) throws IOException {
        return wrongShape(parser, type);
    }

    /** A list where a mapping belongs, a string where a number does: said in the workflow's terms, and skipped whole. */
    private Object wrongShape(JsonParser parser, Class<?> expected) throws IOException {
        String path = path(parser);
        String should = path.equals("$") ? "the document is a mapping with 'name' and 'tasks'" : "expected " + describe(expected);
        found.add(Violation.at(path, parser.currentTokenLocation(), should + ", got " + describe(parser.currentToken())));
        parser.skipChildren();
        return null;
    }

    @Override
    public Object handleInstantiationProblem(DeserializationContext context, Class<?> type, Object argument, Throwable problem) {
        add(context.getParser(), problem.getMessage() == null ? "cannot read this value as " + describe(type) : problem.getMessage());
        return null;
    }

    private void add(JsonParser parser, String message) {
        found.add(Violation.at(path(parser), parser.currentTokenLocation(), message));
    }

    /** The field path of the parser's current value, such as {@code tasks[1].depends_on[0]}. */
    static String path(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        if (context != null && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
            context = context.getParent();
        }
        return path(context);
    }

    static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (; context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inArray()) {
                parts.add("[" + Math.max(0, context.getCurrentIndex()) + "]");
            } else if (context.getCurrentName() != null) {
                parts.add("." + context.getCurrentName());
            }
        }
        if (parts.isEmpty()) {
            return "$";
        }
        StringBuilder path = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            path.append(parts.get(i));
        }
        return path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).map(String::toLowerCase)
                    .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class || type == Short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of fields";
        }
        return "a value";
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }
}
