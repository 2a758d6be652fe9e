package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * {@code POST /api/v1/objects/delete}: objects to delete by key, at most 1,000 (what one S3 multi-delete takes).
 * A key that does not exist counts as deleted, so a repeated request is harmless.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ObjectDeletionRequest(List<String> keys) {

    public static final int MAX_KEYS = 1000;

    public ObjectDeletionRequest {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Deleted(int deleted) {
    }
}
