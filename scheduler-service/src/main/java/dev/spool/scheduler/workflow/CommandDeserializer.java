package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import dev.spool.contracts.TaskCommand;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code command: "make test"} is a shell line; {@code command: [make, test]} is an argv. */
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
        return context.reportInputMismatch(TaskCommand.class,
                "command must be a string (run by sh -c) or a list of strings (an argv)");
    }

    /** The DSL writes a command as a string or a list: the wire format's type tag does not apply here. */
    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer typeDeserializer) throws IOException {
        return deserialize(parser, context);
    }
}
