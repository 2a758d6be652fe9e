package dev.spool.scheduler.rest;

import dev.spool.contracts.TaskOutputView;

/**
 * An output recorded as stored whose object is no longer in the bucket: deleted there since, by the bucket's
 * lifecycle rules or by hand. Its kept text is still in the record.
 */
public class StoredCopyGoneException extends RuntimeException {

    public StoredCopyGoneException(TaskOutputView output) {
        super("the stored copy of the " + output.stream() + " of task '" + output.taskId() + "' (attempt " + output.attempt()
                + ") is no longer in the bucket: it was stored at " + output.objectKey() + " and has been deleted there since, by the "
                + "bucket's lifecycle rules or by hand; its kept text is still at GET /api/v1/runs/" + output.runId() + "/tasks/"
                + output.taskId() + "/output?stream=" + output.stream() + "&attempt=" + output.attempt());
    }
}
