package dev.spool.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a stream is cut down to its byte budget when it prints more than that. */
public enum TruncationStrategy {
    HEAD,
    TAIL,
    BOTH,
    HEAD_LINES,
    TAIL_LINES,
    SUMMARY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TruncationStrategy fromWireName(String value) {
        for (TruncationStrategy strategy : values()) {
            if (strategy.wireName().equals(value)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown truncation strategy '" + value + "'; expected one of: " + allWireNames());
    }

    public static String allWireNames() {
        return Arrays.stream(values()).map(TruncationStrategy::wireName).collect(Collectors.joining(", "));
    }
}
