package dev.spool.scheduler.workflow;

import dev.spool.contracts.OutputLimits;
import dev.spool.contracts.TruncationStrategy;

/** Output limits as written: any field left out falls back to the workflow's, then to Spool's defaults. */
public record LimitsSpec(
        Long maxStdoutBytes,
        Long maxStderrBytes,
        TruncationStrategy truncationStrategy,
        Long externalStorageThreshold) {

    public static final LimitsSpec NONE = new LimitsSpec(null, null, null, null);

    /** This task's limits with the gaps filled from {@code fallback}. */
    public LimitsSpec orElse(LimitsSpec fallback) {
        LimitsSpec other = fallback == null ? NONE : fallback;
        return new LimitsSpec(
                maxStdoutBytes != null ? maxStdoutBytes : other.maxStdoutBytes,
                maxStderrBytes != null ? maxStderrBytes : other.maxStderrBytes,
                truncationStrategy != null ? truncationStrategy : other.truncationStrategy,
                externalStorageThreshold != null ? externalStorageThreshold : other.externalStorageThreshold);
    }

    public OutputLimits resolve() {
        OutputLimits defaults = OutputLimits.DEFAULTS;
        return new OutputLimits(
                maxStdoutBytes != null ? maxStdoutBytes : defaults.maxStdoutBytes(),
                maxStderrBytes != null ? maxStderrBytes : defaults.maxStderrBytes(),
                truncationStrategy != null ? truncationStrategy : defaults.truncationStrategy(),
                externalStorageThreshold != null ? externalStorageThreshold : defaults.externalStorageThreshold());
    }
}
