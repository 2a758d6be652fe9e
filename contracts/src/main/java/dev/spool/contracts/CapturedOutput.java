package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One stream of one attempt as the worker captured it: the kept text within the budget, the sizes of the
 * original, and where the full original is stored when it passed the external-storage threshold.
 *
 * @param text                  the kept text, with a marker where bytes were cut
 * @param keptBytes             bytes of the original that the kept text holds (markers not counted)
 * @param binary                the kept bytes were not valid UTF-8; the text shows U+FFFD where they were not
 * @param storedObject          the full stream in object storage, or null when it was not stored
 * @param externalStorageFailed the stream should have been stored but could not be; the kept text is all there is
 * @param storageError          why it could not be stored, or null
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
        boolean binary,
        StoredObject storedObject,
        boolean externalStorageFailed,
        String storageError) {

    public static CapturedOutput empty(StreamName stream, TruncationStrategy strategy) {
        return new CapturedOutput(stream, "", 0, 0, 0, false, strategy, false, null, false, null);
    }

    /**
     * A full stream in the bucket.
     *
     * @param storedBytes     bytes of the original that the object holds once decompressed
     * @param sha256          hex SHA-256 of those bytes, to check a download against
     * @param compressed      the object is gzip; otherwise it holds the bytes as printed
     * @param clipped         the worker's spool reached its disk cap, so the object holds only the first
     *                        {@code storedBytes} of {@code originalBytes}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StoredObject(String key, long objectBytes, long storedBytes, String sha256, boolean compressed, boolean clipped) {
    }
}
