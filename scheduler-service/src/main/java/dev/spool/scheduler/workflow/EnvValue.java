package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;
import java.util.Iterator;

/**
 * An environment entry: {@code NAME: value}, or {@code NAME: {value: ..., secret: true}} for a value that must never
 * appear in captured output.
 */
@JsonDeserialize(using = EnvValue.Reader.class)
public record EnvValue(String value, boolean secret) {

    static final class Reader extends JsonDeserializer<EnvValue> {
        @Override
        public EnvValue deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                return new EnvValue(parser.getText(), false);
            }
            if (token == JsonToken.START_OBJECT) {
                JsonNode node = context.readTree(parser);
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!name.equals("value") && !name.equals("secret")) {
                        return context.reportInputMismatch(EnvValue.class,
                                "unknown field '%s' in an env entry (known fields here: secret, value)", name);
                    }
                }
                JsonNode value = node.get("value");
                JsonNode secret = node.get("secret");
                if (value == null || !value.isValueNode() || value.isNull()) {
                    return context.reportInputMismatch(EnvValue.class, "an env entry written as an object needs 'value', a string");
                }
                if (secret != null && !secret.isBoolean()) {
                    return context.reportInputMismatch(EnvValue.class, "'secret' must be true or false");
                }
                return new EnvValue(value.asText(), secret != null && secret.asBoolean());
            }
            return context.reportInputMismatch(EnvValue.class,
                    "an env entry is a string, or {value: <string>, secret: true} for a value to mask in output");
        }

        @Override
        public EnvValue getNullValue(DeserializationContext context) {
            return null;
        }
    }
}
