package dev.spool.contracts;

import java.util.UUID;

/** Where an attempt's full streams live in the bucket. One prefix per run, so a run's objects go together. */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String runPrefix(UUID runId) {
        return "runs/" + runId + "/";
    }

    public static String fullOutput(UUID runId, String taskId, UUID attemptId, StreamName stream) {
        return runPrefix(runId) + taskId + "/" + attemptId + "/" + stream.wireName() + ".gz";
    }
}
