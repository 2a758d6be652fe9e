package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.spool.scheduler.model.Dependency;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * A {@code depends_on} entry: a task id, or {@code {task: a, on_failure: skip | warn | {use_default: text} |
 * {run_alternative: b}}}.
 */
@JsonDeserialize(using = DependencySpec.Reader.class)
public record DependencySpec(String task, Dependency.OnFailure onFailure, boolean onFailureGiven) {

    public static DependencySpec of(String task) {
        return new DependencySpec(task, Dependency.OnFailure.SKIP, false);
    }

    public Dependency resolve() {
        return new Dependency(task, onFailure);
    }

    private static final Set<String> FIELDS = Set.of("task", "on_failure");
    private static final String SHAPE = "a dependency is a task id, or {task: <id>, on_failure: skip | warn | {use_default: <text>} | {run_alternative: <task id>}}";

    static final class Reader extends JsonDeserializer<DependencySpec> {
        @Override
        public DependencySpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            ReadProblems.Where where = ReadProblems.here(parser);
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return of(parser.getText());
            }
            if (token != JsonToken.START_OBJECT) {
                return ReadProblems.report(context, where, SHAPE);
            }
            JsonNode node = context.readTree(parser);
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    return ReadProblems.report(context, where, String.format("unknown field '%s' in a dependency%s (known fields here: on_failure, task)",
                            name, Suggestions.didYouMean(name, FIELDS)));
                }
            }
            JsonNode task = node.get("task");
            if (task == null || !task.isTextual()) {
                return ReadProblems.report(context, where, "a dependency written as an object needs 'task', the id of the task it waits for");
            }
            JsonNode onFailure = node.get("on_failure");
            if (onFailure == null || onFailure.isNull()) {
                return new DependencySpec(task.asText(), Dependency.OnFailure.SKIP, false);
            }
            if (onFailure.isTextual()) {
                return switch (onFailure.asText()) {
                    case "skip" -> new DependencySpec(task.asText(), Dependency.OnFailure.SKIP, true);
                    case "warn" -> new DependencySpec(task.asText(), Dependency.OnFailure.WARN, true);
                    default -> ReadProblems.report(context, where, String.format("on_failure '%s' is not known: use skip, warn, "
                            + "{use_default: <text>} or {run_alternative: <task id>}", onFailure.asText()));
                };
            }
            if (onFailure.isObject() && onFailure.size() == 1) {
                if (onFailure.has("use_default") && onFailure.get("use_default").isValueNode()) {
                    return new DependencySpec(task.asText(), Dependency.OnFailure.useDefault(onFailure.get("use_default").asText()), true);
                }
                if (onFailure.has("run_alternative") && onFailure.get("run_alternative").isTextual()) {
                    return new DependencySpec(task.asText(), Dependency.OnFailure.runAlternative(onFailure.get("run_alternative").asText()), true);
                }
            }
            return ReadProblems.report(context, where, "on_failure is skip, warn, {use_default: <text>} or {run_alternative: <task id>}");
        }
    }
}
