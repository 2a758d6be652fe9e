package dev.spool.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a TaskOutput record holds: one of the attempt's two streams, or the JSON object it left in {@code SPOOL_RESULT_FILE}. */
public enum OutputType {
    STDOUT,
    STDERR,
    RESULT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OutputType fromWireName(String value) {
        for (OutputType type : values()) {
            if (type.wireName().equalsIgnoreCase(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown output type '" + value + "'; expected stdout, stderr or result");
    }
}
