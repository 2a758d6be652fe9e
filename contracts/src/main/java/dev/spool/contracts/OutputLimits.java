package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The resolved output budget of one task attempt: what the worker keeps of each stream, and from which
 * original size on it stores the full stream in object storage.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutputLimits(
        long maxStdoutBytes,
        long maxStderrBytes,
        TruncationStrategy truncationStrategy,
        long externalStorageThreshold) {

    public static final long DEFAULT_MAX_STDOUT_BYTES = 1_048_576;
    public static final long DEFAULT_MAX_STDERR_BYTES = 262_144;
    public static final TruncationStrategy DEFAULT_STRATEGY = TruncationStrategy.TAIL;
    public static final long DEFAULT_EXTERNAL_STORAGE_THRESHOLD = 1_048_576;

    public static final OutputLimits DEFAULTS = new OutputLimits(
            DEFAULT_MAX_STDOUT_BYTES, DEFAULT_MAX_STDERR_BYTES, DEFAULT_STRATEGY, DEFAULT_EXTERNAL_STORAGE_THRESHOLD);

    public long maxBytes(StreamName stream) {
        return stream == StreamName.STDOUT ? maxStdoutBytes : maxStderrBytes;
    }
}
