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
 * An environment entry: {@code NAME: value}; {@code NAME: {value: ..., secret: true}} for a value that must never
 * appear in captured output; or {@code NAME: {secret_ref: name}} for a secret the worker holds, whose value is
 * never sent to Spool at all.
 */
@JsonDeserialize(using = EnvValue.Reader.class)
public record EnvValue(String value, boolean secret, String secretRef) {

    static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public EnvValue(String value, boolean secret) {
        this(value, secret, null);
    }

    static final class Reader extends JsonDeserializer<EnvValue> {
        @Override
        public EnvValue deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            ReadProblems.Where where = ReadProblems.here(parser);
            JsonToken token = parser.currentToken();
            if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                return new EnvValue(parser.getText(), false);
            }
            if (token == JsonToken.START_OBJECT) {
                JsonNode node = context.readTree(parser);
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!name.equals("value") && !name.equals("secret") && !name.equals("secret_ref")) {
                        return ReadProblems.report(context, where, String.format("unknown field '%s' in an env entry (known fields here: secret, secret_ref, value)", name));
                    }
                }
                JsonNode ref = node.get("secret_ref");
                if (ref != null) {
                    if (node.size() != 1) {
                        return ReadProblems.report(context, where, "an env entry with 'secret_ref' has no other field: the worker supplies the value");
                    }
                    if (!ref.isTextual() || !SECRET_NAME.matcher(ref.asText()).matches()) {
                        return ReadProblems.report(context, where, "secret_ref names a secret on the workers: letters, digits, '_', '-' and '.', "
                                + "e.g. {secret_ref: db-password}");
                    }
                    return new EnvValue(null, true, ref.asText());
                }
                JsonNode value = node.get("value");
                JsonNode secret = node.get("secret");
                if (value == null || !value.isValueNode() || value.isNull()) {
                    return ReadProblems.report(context, where, "an env entry written as an object needs 'value', a string");
                }
                if (secret != null && !secret.isBoolean()) {
                    return ReadProblems.report(context, where, "'secret' must be true or false");
                }
                return new EnvValue(value.asText(), secret != null && secret.asBoolean());
            }
            return ReadProblems.report(context, where, "an env entry is a string, {value: <string>, secret: true} for a value to mask in output, or {secret_ref: <name>} for a secret the workers hold");
        }

        @Override
        public EnvValue getNullValue(DeserializationContext context) {
            return null;
        }
    }
}
