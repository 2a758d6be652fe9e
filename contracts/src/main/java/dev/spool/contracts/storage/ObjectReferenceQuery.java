package dev.spool.contracts.storage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * {@code POST /api/v1/objects/referenced} on the state-service: which of these stored objects a task output still
 * points at. The storage-service's sweeper asks it, a batch of at most {@link #MAX_KEYS} keys at a time, before it
 * deletes an object as an orphan.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ObjectReferenceQuery(List<String> keys) {

    public static final int MAX_KEYS = 1000;

    public ObjectReferenceQuery {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /** The keys asked about that a record points at; every other one is an orphan. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Referenced(List<String> keys) {

        public Referenced {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }
}
