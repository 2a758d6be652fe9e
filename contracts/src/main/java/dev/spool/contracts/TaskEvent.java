package dev.spool.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/** What a worker says about an attempt while it runs. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TaskEvent.Started.class, name = "started"),
        @JsonSubTypes.Type(value = TaskEvent.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = TaskEvent.TimeoutWarning.class, name = "timeout_warning"),
        @JsonSubTypes.Type(value = TaskEvent.Finished.class, name = "finished")
})
public sealed interface TaskEvent extends WireMessage {

    @Override
    default boolean complete() {
        return runId() != null && taskId() != null && attemptId() != null;
    }

    UUID runId();

    String taskId();

    UUID attemptId();

    String workerId();

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Started(UUID runId, String taskId, UUID attemptId, String workerId, Instant startedAt) implements TaskEvent {
    }

    /** The attempt is alive: what it printed so far and the CPU its process tree has used. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Heartbeat(UUID runId, String taskId, UUID attemptId, String workerId, Instant at,
                     long stdoutBytes, long stdoutLines, long stderrBytes, long stderrLines,
                     long cpuMillis, long rssBytes) implements TaskEvent {
    }

    /**
     * The attempt ended on its worker, and its result is in Kafka (published before this): the attempt is no longer
     * the worker's to keep alive, so its lease waits for the result to be recorded, however long the state-service
     * takes, instead of calling it lost.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Finished(UUID runId, String taskId, UUID attemptId, String workerId, Instant at, TaskStatus status) implements TaskEvent {
    }

    /** The attempt has used 90% of its time; it will be stopped at {@code deadline} unless it ends first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TimeoutWarning(UUID runId, String taskId, UUID attemptId, String workerId, Instant at,
                          long elapsedMillis, long timeoutMillis, Instant deadline) implements TaskEvent {
    }
}
