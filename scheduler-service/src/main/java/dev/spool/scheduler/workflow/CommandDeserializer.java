package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import dev.spool.contracts.TaskCommand;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code command: "make test"} is a shell line; {@code command: [make, test]} is an argv, and so is
 * {@code {command: make, args: [test]}}.
 */
class CommandDeserializer extends JsonDeserializer<TaskCommand> {

    @Override
    public TaskCommand deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return new TaskCommand.Shell(parser.getText());
        }
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            List<String> args = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (!token.isScalarValue() || token == JsonToken.VALUE_NULL) {
                    return context.reportInputMismatch(TaskCommand.class,
                            "command: every argv element must be a string, but element %d is not", args.size());
                }
                args.add(parser.getText());
            }
            return new TaskCommand.Argv(args);
        }
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            JsonNode node = context.readTree(parser);
            JsonNode program = node.get("command");
            if (program == null || !program.isTextual()) {
                return context.reportInputMismatch(TaskCommand.class,
                        "a command object needs 'command' (the program, a string) and may have 'args' (a list of strings)");
            }
            List<String> args = new ArrayList<>(List.of(program.asText()));
            var names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("command") && !name.equals("args")) {
                    return context.reportInputMismatch(TaskCommand.class,
                            "unknown field '%s' in a command object (known fields here: args, command)", name);
                }
            }
            JsonNode list = node.get("args");
            if (list != null && !list.isArray()) {
                return context.reportInputMismatch(TaskCommand.class, "args must be a list of strings");
            }
            if (list != null) {
                for (JsonNode arg : list) {
                    if (!arg.isValueNode() || arg.isNull()) {
                        return context.reportInputMismatch(TaskCommand.class, "args: every element must be a string");
                    }
                    args.add(arg.asText());
                }
            }
            return new TaskCommand.Argv(args);
        }
        return context.reportInputMismatch(TaskCommand.class,
                "command must be a string (run by sh -c), a list of strings (an argv) or {command, args}");
    }

    /** The DSL writes a command as a string or a list: the wire format's type tag does not apply here. */
    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer typeDeserializer) throws IOException {
        return deserialize(parser, context);
    }
}
