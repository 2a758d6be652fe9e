package dev.spool.state.repository;

import java.time.Instant;
import java.util.UUID;

/** Which of a run's records a listing wants, and where the page starts. */
public record OutputFilter(UUID runId, String taskId, String outputType, Instant afterCompletedAt, UUID afterId) {
}
