package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One stream of one attempt as the worker captured it: the kept text within the budget, the sizes of the
 * original, and where the full original is stored when it passed the external-storage threshold.
 *
 * @param text         the kept text, with a marker where bytes were cut
 * @param keptBytes    bytes of the original that the kept text holds (the marker not counted)
 * @param storedObject the gzipped full stream in object storage, or null when it was not stored
 * @param storageError why the full stream could not be stored although it should have been, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CapturedOutput(
        StreamName stream,
        String text,
        long originalBytes,
        long originalLines,
        long keptBytes,
        boolean truncated,
        TruncationStrategy strategy,
        StoredObject storedObject,
        String storageError) {

    /** A full stream stored gzipped in the bucket. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StoredObject(String key, long compressedBytes) {
    }
}
