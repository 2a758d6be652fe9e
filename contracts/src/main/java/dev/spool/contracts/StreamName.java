package dev.spool.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum StreamName {
    STDOUT,
    STDERR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static StreamName fromWireName(String value) {
        for (StreamName stream : values()) {
            if (stream.wireName().equalsIgnoreCase(value)) {
                return stream;
            }
        }
        throw new IllegalArgumentException("unknown stream '" + value + "'; expected stdout or stderr");
    }
}
