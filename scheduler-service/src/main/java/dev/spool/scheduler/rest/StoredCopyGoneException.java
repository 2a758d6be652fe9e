package dev.spool.scheduler.rest;

import dev.spool.contracts.TaskOutputView;

import java.time.Duration;
import java.time.Instant;

/**
 * An output recorded as stored whose object is no longer in the bucket: expired by the bucket's retention, or deleted
 * there by hand. A pruned output is another answer (its record is gone too, 410 output_pruned).
 */
public class StoredCopyGoneException extends RuntimeException {

    /** @param retentionDays after how many days the bucket expires outputs, when the storage-service said; 0 keeps them */
    public StoredCopyGoneException(TaskOutputView output, String key, Integer retentionDays) {
        super(what(output, key) + " is no longer in the bucket: it was stored at " + key + " and " + why(output, retentionDays)
                + (key.equals(output.keptTextKey()) ? "" : "; its kept text is still at GET /api/v1/runs/" + output.runId() + "/tasks/"
                + output.taskId() + "/output?stream=" + output.stream() + "&attempt=" + output.attempt()));
    }

    private static String what(TaskOutputView output, String key) {
        return (key.equals(output.keptTextKey()) ? "the kept text" : "the stored copy") + " of the " + output.stream() + " of task '"
                + output.taskId() + "' (attempt " + output.attempt() + ")";
    }

    private static String why(TaskOutputView output, Integer retentionDays) {
        if (retentionDays == null || output.completedAt() == null) {
            return "has been deleted there since, by the bucket's retention or by hand";
        }
        boolean expired = retentionDays > 0 && output.completedAt().isBefore(Instant.now().minus(Duration.ofDays(retentionDays)));
        return expired ? "expired: objects under runs/ are deleted after " + retentionDays + " days (spool.storage.retention-days)"
                : "was deleted there by hand or by another tool: it is within the bucket's " + retentionDays + "-day retention, and Spool "
                + "did not prune it";
    }
}
