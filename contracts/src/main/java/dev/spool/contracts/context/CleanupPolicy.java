package dev.spool.contracts.context;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Locale;

/**
 * {@code limits.cleanup_strategy}: which of a run's outputs pruning keeps. It runs every {@code everyOutputs}
 * recorded outputs, when the run's kept bytes pass {@code maxKeptBytes}, and on request.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CleanupPolicy(Type type, int keepCount, int everyOutputs, Long maxKeptBytes) {

    public static final int DEFAULT_KEEP_COUNT = 100;

    public enum Type {
        /** Keeps the most recently completed outputs. */
        MOST_RECENT,
        /** Keeps the outputs with the highest stored relevance. */
        HIGHEST_RELEVANCE,
        /** Keeps the outputs used (as context, or read) most lately. */
        LRU,
        /** Drops every output no task still to run depends on. */
        NON_DEPENDENCIES;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Type fromWireName(String value) {
            for (Type type : values()) {
                if (type.wireName().equalsIgnoreCase(value)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown cleanup strategy '" + value + "'");
        }
    }

    /**
     * By default a run is pruned whenever it has recorded outputs, so that it keeps no more than {@code keep_count}
     * (plus what is still needed) between passes; a pass follows each recorded batch anyway, to update relevance.
     */
    public static final int DEFAULT_EVERY = 1;
}
