package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * The resolved output budget of one task attempt: what the worker keeps of each stream and of both together,
 * how it cuts, and from which original size on it stores the full stream in object storage.
 *
 * @param maxLines        the line bound of {@code head_lines} and {@code tail_lines}; 0 means only bytes bound them
 * @param summaryPatterns regular expressions that mark a line worth keeping in a {@code summary}; empty means the
 *                        worker's defaults (errors, warnings, exceptions, failed assertions)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutputLimits(
        long maxStdoutBytes,
        long maxStderrBytes,
        long maxCombinedBytes,
        TruncationStrategy truncationStrategy,
        int maxLines,
        long externalStorageThreshold,
        boolean compressExternal,
        List<String> summaryPatterns) {

    public static final long DEFAULT_MAX_STDOUT_BYTES = 1_048_576;
    public static final long DEFAULT_MAX_STDERR_BYTES = 262_144;
    public static final TruncationStrategy DEFAULT_STRATEGY = TruncationStrategy.TAIL;
    public static final long DEFAULT_EXTERNAL_STORAGE_THRESHOLD = 1_048_576;

    public static final OutputLimits DEFAULTS = new OutputLimits(DEFAULT_MAX_STDOUT_BYTES, DEFAULT_MAX_STDERR_BYTES,
            DEFAULT_MAX_STDOUT_BYTES + DEFAULT_MAX_STDERR_BYTES, DEFAULT_STRATEGY, 0, DEFAULT_EXTERNAL_STORAGE_THRESHOLD, true, List.of());

    public OutputLimits {
        summaryPatterns = summaryPatterns == null ? List.of() : List.copyOf(summaryPatterns);
    }

    /** What both streams may keep together: their own budgets, at most the combined one. */
    public long keptBudget() {
        return Math.min(maxStdoutBytes + maxStderrBytes, maxCombinedBytes);
    }

    /** The same limits with both streams' budgets scaled down so that together they keep at most {@code bytes}. */
    public OutputLimits keepingAtMost(long bytes) {
        if (keptBudget() <= bytes) {
            return this;
        }
        double factor = (double) bytes / keptBudget();
        return new OutputLimits((long) (maxStdoutBytes * factor), (long) (maxStderrBytes * factor), Math.min(maxCombinedBytes, bytes),
                truncationStrategy, maxLines, externalStorageThreshold, compressExternal, summaryPatterns);
    }

    public long maxBytes(StreamName stream) {
        return stream == StreamName.STDOUT ? maxStdoutBytes : maxStderrBytes;
    }
}
