package dev.spool.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/** What a worker says about an attempt while it runs. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = TaskEvent.Started.class, name = "started")})
public sealed interface TaskEvent {

    UUID runId();

    String taskId();

    UUID attemptId();

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Started(UUID runId, String taskId, UUID attemptId, String workerId, Instant startedAt) implements TaskEvent {
    }
}
