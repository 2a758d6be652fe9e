package dev.spool.scheduler.workflow;

import dev.spool.support.Texts;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.spool.contracts.TaskTimeout;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code timeout}: seconds ({@code 90}), a duration ({@code 90s}, {@code 5m}, {@code 1h30m}, {@code 500ms},
 * {@code PT5M}), or {@code {strategy: adaptive, base, max, size_factor, size_path}}.
 */
@JsonDeserialize(using = TimeoutSpec.Reader.class)
public record TimeoutSpec(TaskTimeout timeout) {

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+(?:\\.\\d+)?)s)?(?:(\\d+)ms)?");
    private static final Set<String> ADAPTIVE_FIELDS = Set.of("strategy", "base", "max", "size_factor", "size_path", "duration");

    /** No duration Spool reads means more than this; longer ones are typos, and would not fit a database time. */
    static final Duration LONGEST = Duration.ofDays(366);
    private static final String FORMS = "write 90s, 5m, 1h30m, 2d, 500ms or 90 (seconds)";

    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            duration = read(value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(Texts.quote(text) + " is too long a duration: at most " + LONGEST.toDays() + " days");
        }
        if (duration == null) {
            throw new IllegalArgumentException(Texts.quote(text) + " is not a duration: " + FORMS);
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(Texts.quote(text) + " is too long a duration: at most " + LONGEST.toDays() + " days");
        }
        return duration;
    }

    private static Duration read(String value) {
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (value.matches("\\d+(\\.\\d+)?")) {
            if (value.length() > 12) {
                throw new ArithmeticException("too many digits");
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        }
        Matcher m = DURATION.matcher(value);
        if (value.isEmpty() || !m.matches()) {
            return null;
        }
        Duration d = Duration.ZERO;
        if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
        if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
        if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
        if (m.group(4) != null) d = d.plusMillis(Math.round(Double.parseDouble(m.group(4)) * 1000));
        if (m.group(5) != null) d = d.plusMillis(Long.parseLong(m.group(5)));
        d.toMillis();
        return d;
    }

    static final class Reader extends JsonDeserializer<TimeoutSpec> {
        @Override
        public TimeoutSpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            ReadProblems.Where where = ReadProblems.here(parser);
            JsonToken token = parser.currentToken();
            try {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_STRING) {
                    return new TimeoutSpec(TaskTimeout.Fixed.of(parseDuration(parser.getText())));
                }
                if (token == JsonToken.START_OBJECT) {
                    return fromObject(context.readTree(parser), context, where);
                }
            } catch (IllegalArgumentException e) {
                return ReadProblems.report(context, where, String.format("%s", e.getMessage()));
            }
            return ReadProblems.report(context, where, "timeout is a duration (90s, 5m, 90) or {strategy: adaptive, base: 30s, max: 5m, size_factor: 1.5, size_path: data}");
        }

        private TimeoutSpec fromObject(JsonNode node, DeserializationContext context, ReadProblems.Where where) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!ADAPTIVE_FIELDS.contains(name)) {
                    return ReadProblems.report(context, where, String.format("unknown field '%s' in timeout%s (known fields here: %s)",
                            name, Suggestions.didYouMean(name, ADAPTIVE_FIELDS), String.join(", ", ADAPTIVE_FIELDS.stream().sorted().toList())));
                }
            }
            String strategy = node.path("strategy").asText("fixed");
            if (strategy.equals("fixed")) {
                if (!node.has("duration")) {
                    return ReadProblems.report(context, where, "a fixed timeout object needs 'duration', e.g. {strategy: fixed, duration: 5m}");
                }
                return new TimeoutSpec(TaskTimeout.Fixed.of(parseDuration(node.get("duration").asText())));
            }
            if (!strategy.equals("adaptive")) {
                return ReadProblems.report(context, where, String.format("timeout.strategy '%s' is not known: use fixed or adaptive", strategy));
            }
            if (!node.has("base") || !node.has("max")) {
                return ReadProblems.report(context, where, "an adaptive timeout needs 'base' and 'max', e.g. {strategy: adaptive, base: 30s, max: 10m}");
            }
            JsonNode factor = node.get("size_factor");
            if (factor != null && !factor.isNumber()) {
                return ReadProblems.report(context, where, "timeout.size_factor must be a number, e.g. 1.5");
            }
            JsonNode sizePath = node.get("size_path");
            return new TimeoutSpec(new TaskTimeout.Adaptive(
                    parseDuration(node.get("base").asText()).toMillis(),
                    parseDuration(node.get("max").asText()).toMillis(),
                    factor == null ? 1.0 : factor.asDouble(),
                    sizePath == null || sizePath.isNull() ? null : sizePath.asText()));
        }
    }
}
