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
        ReadProblems.Where where = ReadProblems.here(parser);
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return new TaskCommand.Shell(parser.getText());
        }
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            // Read whole, so that a bad element leaves the parser after the list and the rest of the task is still read.
            JsonNode list = context.readTree(parser);
            List<String> args = new ArrayList<>();
            for (JsonNode arg : list) {
                if (!arg.isValueNode() || arg.isNull()) {
                    return ReadProblems.report(context, where, String.format(
                            "every argv element must be a string, but element %d is %s", args.size(), arg.isNull() ? "null" : "a " + arg.getNodeType().name().toLowerCase()));
                }
                args.add(arg.asText());
            }
            return new TaskCommand.Argv(args);
        }
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            JsonNode node = context.readTree(parser);
            JsonNode program = node.get("command");
            if (program == null || !program.isTextual()) {
                return ReadProblems.report(context, where, "a command object needs 'command' (the program, a string) and may have 'args' (a list of strings)");
            }
            List<String> args = new ArrayList<>(List.of(program.asText()));
            var names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("command") && !name.equals("args")) {
                    return ReadProblems.report(context, where, String.format("unknown field '%s' in a command object (known fields here: args, command)", name));
                }
            }
            JsonNode list = node.get("args");
            if (list != null && !list.isArray()) {
                return ReadProblems.report(context, where, "args must be a list of strings");
            }
            if (list != null) {
                for (JsonNode arg : list) {
                    if (!arg.isValueNode() || arg.isNull()) {
                        return ReadProblems.report(context, where, "args: every element must be a string");
                    }
                    args.add(arg.asText());
                }
            }
            return new TaskCommand.Argv(args);
        }
        return ReadProblems.report(context, where, "command must be a string (run by sh -c), a list of strings (an argv) or {command, args}");
    }

    /** The DSL writes a command as a string or a list: the wire format's type tag does not apply here. */
    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer typeDeserializer) throws IOException {
        return deserialize(parser, context);
    }
}
