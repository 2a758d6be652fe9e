package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One TaskOutput record as the state-service serves it. It carries the seed's fields by their names
 * ({@code output_type}, {@code original_size}, {@code external_path}, {@code relevance_score}, {@code last_accessed},
 * {@code depended_by}, {@code completed_at}) next to the older ones. {@code content} is null in listings unless asked for,
 * and always null when {@code kept_text_key} is set: kept text too large to travel in its result is stored as an object
 * of its own (a claim check), and the gateway streams it from there.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskOutputView(
        UUID runId,
        String taskId,
        UUID attemptId,
        int attempt,
        String stream,
        String outputType,
        String taskStatus,
        Integer exitCode,
        String content,
        long originalBytes,
        long originalSize,
        long originalLines,
        long keptBytes,
        boolean truncated,
        String truncationStrategy,
        boolean binary,
        String objectKey,
        String externalPath,
        Long objectBytes,
        Long storedBytes,
        String sha256,
        boolean storedClipped,
        boolean externalStorageFailed,
        String storageError,
        Double relevanceScore,
        Instant lastAccessed,
        List<String> dependedBy,
        Instant startedAt,
        Instant completedAt,
        ResourceUsage usage,
        String keptTextKey) {
}
