package dev.spool.contracts;

import java.util.UUID;

/** Where an attempt's full streams live in the bucket. One prefix per run, so a run's objects go together. */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String runPrefix(UUID runId) {
        return "runs/" + runId + "/";
    }

    /** The key of a gzipped full stream. */
    public static String fullOutput(UUID runId, String taskId, UUID attemptId, StreamName stream) {
        return fullOutput(runId, taskId, attemptId, stream, true);
    }

    /** The key of a full stream, stored gzipped ({@code .gz}) or as printed ({@code .log}). */
    public static String fullOutput(UUID runId, String taskId, UUID attemptId, StreamName stream, boolean compressed) {
        return runPrefix(runId) + taskId + "/" + attemptId + "/" + stream.wireName() + (compressed ? ".gz" : ".log");
    }
}
