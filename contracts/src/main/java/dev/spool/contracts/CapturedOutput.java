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
 * @param keptTextObject        where the kept text is when it was too large to travel in the result (a claim check);
 *                              then {@code text} is empty and the state-service reads the text from there
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
        String storageError,
        KeptTextObject keptTextObject) {

    public CapturedOutput(StreamName stream, String text, long originalBytes, long originalLines, long keptBytes, boolean truncated,
                          TruncationStrategy strategy, boolean binary, StoredObject storedObject, boolean externalStorageFailed,
                          String storageError) {
        this(stream, text, originalBytes, originalLines, keptBytes, truncated, strategy, binary, storedObject, externalStorageFailed,
                storageError, null);
    }

    public static CapturedOutput empty(StreamName stream, TruncationStrategy strategy) {
        return new CapturedOutput(stream, "", 0, 0, 0, false, strategy, false, null, false, null);
    }

    /** The same output with its kept text in the bucket instead of in the message. */
    public CapturedOutput withKeptTextStored(KeptTextObject stored) {
        return new CapturedOutput(stream, "", originalBytes, originalLines, keptBytes, truncated, strategy, binary, storedObject,
                externalStorageFailed, storageError, stored);
    }

    /**
     * Kept text stored as an object of its own (blocked gzip, UTF-8), because it was larger than a result carries.
     *
     * @param key    its key in the bucket
     * @param bytes  the text's length in UTF-8
     * @param sha256 hex SHA-256 of those bytes
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record KeptTextObject(String key, long bytes, String sha256) {
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
