package dev.spool.state.repository;

import java.time.Instant;
import java.util.UUID;

/** A TaskOutput record without its content: what choosing, ranking and pruning read. */
public record OutputHeader(UUID id, String taskId, int attempt, String stream, String taskStatus, Integer exitCode,
                           long originalBytes, long keptBytes, boolean truncated, String truncationStrategy, String objectKey,
                           String keptTextKey, Instant completedAt, Instant lastAccessed, Double relevanceScore) {
}
