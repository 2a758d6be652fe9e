package dev.spool.scheduler.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * A task's {@code context} as resolved at submission (its own fields, then {@code defaults.context}, then the
 * workflow's {@code limits.max_context_*}, then Spool's defaults): which upstream output it is given and how much.
 */
public record ContextPolicy(Mode mode, List<String> include, List<String> exclude, long maxBytes, int maxTasks, Integer maxTokens,
                            double minRelevance, Long windowMillis, String format, boolean stdin) {

    public static final long DEFAULT_MAX_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_TASKS = 10;
    /** Direct dependencies (1.0), a loop's previous iteration (1.0) and tasks of the same agent (0.5). */
    public static final double DEFAULT_MIN_RELEVANCE = 0.5;

    public static final ContextPolicy NONE = new ContextPolicy(Mode.NONE, List.of(), List.of(), 0, 0, null, 0, null, "text", false);

    public ContextPolicy {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        format = format == null ? "text" : format;
    }

    /**
     * {@code automatic} picks by relevance, {@code manual} by {@code include} and {@code exclude}, {@code none} gives
     * nothing. The older names stay as aliases: {@code dependencies} is automatic at {@code min_relevance: 1},
     * {@code smart} is automatic, {@code all} is automatic at {@code min_relevance: 0}.
     */
    public enum Mode {
        AUTOMATIC, MANUAL, NONE;

        public static final List<String> NAMES = List.of("automatic", "manual", "none", "dependencies", "smart", "all");

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Mode fromWireName(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "automatic", "dependencies", "smart", "all" -> AUTOMATIC;
                case "manual" -> MANUAL;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("'" + value + "' is not a context mode");
            };
        }

        /** The threshold an alias stands for, when the task gives none. */
        public static Double impliedMinRelevance(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "dependencies" -> 1.0;
                case "all" -> 0.0;
                default -> null;
            };
        }
    }
}
