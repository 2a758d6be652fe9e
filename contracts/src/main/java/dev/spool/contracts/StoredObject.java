package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the storage-service answers for a stored object: its key, its size in the bucket, how it is stored and the
 * SHA-256 of the original bytes, as the writer computed it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredObject(String key, long sizeBytes, String contentType, String sha256) {

    public static final String GZIP = "application/gzip";

    public boolean gzipped() {
        return GZIP.equals(contentType);
    }
}
