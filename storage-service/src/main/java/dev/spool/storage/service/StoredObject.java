package dev.spool.storage.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An object in the bucket; {@code sha256} is the checksum of the original bytes that the writer declared, if any. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredObject(String key, long sizeBytes, String contentType, String sha256) {

    public boolean gzipped() {
        return OutputStore.GZIP.equals(contentType);
    }
}
