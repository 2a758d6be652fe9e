package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/** One recorded stream of one attempt, as the state-service serves it to the gateway. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskOutputView(
        UUID runId,
        String taskId,
        UUID attemptId,
        int attempt,
        String stream,
        String taskStatus,
        Integer exitCode,
        String content,
        long originalBytes,
        long originalLines,
        long keptBytes,
        boolean truncated,
        String truncationStrategy,
        boolean binary,
        String objectKey,
        Long objectBytes,
        Long storedBytes,
        String sha256,
        boolean storedClipped,
        boolean externalStorageFailed,
        String storageError) {
}
