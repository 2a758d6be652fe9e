package dev.spool.state.repository;

import java.time.Instant;
import java.util.UUID;

/** Which of a run's records a listing wants, and after which record the page starts (null for the first page). */
public record OutputFilter(UUID runId, String taskId, String outputType, Position after) {

    /** A record's place in a listing: by completion, then task, attempt and output type, which no two records share. */
    public record Position(Instant completedAt, String taskId, int attempt, String stream) {
    }
}
