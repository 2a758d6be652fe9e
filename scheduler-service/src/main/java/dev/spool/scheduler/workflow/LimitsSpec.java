package dev.spool.scheduler.workflow;

import dev.spool.contracts.OutputLimits;
import dev.spool.contracts.TruncationStrategy;

import java.util.List;

/**
 * Output limits as written: any field left out falls back to the workflow's, then to Spool's defaults. The
 * {@code max_context_*} fields are the defaults of each task's {@code context}; {@code cleanup_strategy} is the run's.
 */
public record LimitsSpec(
        Long maxStdoutBytes,
        Long maxStderrBytes,
        Long maxCombinedBytes,
        TruncationStrategy truncationStrategy,
        Integer maxLines,
        Long externalStorageThreshold,
        Boolean compressExternal,
        List<String> summaryPatterns,
        Long maxContextBytes,
        Integer maxContextTasks,
        Long maxContextTokens,
        CleanupSpec cleanupStrategy) {

    public static final LimitsSpec NONE = new LimitsSpec(null, null, null, null, null, null, null, null, null, null, null, null);

    /** These limits with the gaps filled from {@code fallback}. */
    public LimitsSpec orElse(LimitsSpec fallback) {
        LimitsSpec other = fallback == null ? NONE : fallback;
        return new LimitsSpec(
                first(maxStdoutBytes, other.maxStdoutBytes),
                first(maxStderrBytes, other.maxStderrBytes),
                first(maxCombinedBytes, other.maxCombinedBytes),
                first(truncationStrategy, other.truncationStrategy),
                first(maxLines, other.maxLines),
                first(externalStorageThreshold, other.externalStorageThreshold),
                first(compressExternal, other.compressExternal),
                first(summaryPatterns, other.summaryPatterns),
                first(maxContextBytes, other.maxContextBytes),
                first(maxContextTasks, other.maxContextTasks),
                first(maxContextTokens, other.maxContextTokens),
                first(cleanupStrategy, other.cleanupStrategy));
    }

    /** The limits a worker applies: gaps take Spool's defaults; the combined budget defaults to both streams' sum. */
    public OutputLimits resolve() {
        OutputLimits defaults = OutputLimits.DEFAULTS;
        long stdout = first(maxStdoutBytes, defaults.maxStdoutBytes());
        long stderr = first(maxStderrBytes, defaults.maxStderrBytes());
        return new OutputLimits(
                stdout,
                stderr,
                first(maxCombinedBytes, stdout + stderr),
                first(truncationStrategy, defaults.truncationStrategy()),
                first(maxLines, defaults.maxLines()),
                first(externalStorageThreshold, defaults.externalStorageThreshold()),
                first(compressExternal, defaults.compressExternal()),
                first(summaryPatterns, defaults.summaryPatterns()));
    }

    private static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
