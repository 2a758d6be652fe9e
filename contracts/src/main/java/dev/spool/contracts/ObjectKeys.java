package dev.spool.contracts;

import java.util.UUID;

/** Where an attempt's full streams live in the bucket. One prefix per run, so a run's objects go together. */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String runPrefix(UUID runId) {
        return "runs/" + runId + "/";
    }

    /**
     * The key of a full stream, stored gzipped ({@code .gz}) or as printed ({@code .log}), by the execution that
     * printed it. An attempt delivered twice (to a second worker during a rebalance) can run twice; each execution
     * writes its own object, so the one its recorded result names is the one whose SHA-256 it carries.
     *
     * @param execution the worker process that ran the attempt
     */
    public static String fullOutput(UUID runId, String taskId, UUID attemptId, String execution, StreamName stream, boolean compressed) {
        return runPrefix(runId) + taskId + "/" + attemptId + "/" + execution + "/" + stream.wireName() + (compressed ? ".gz" : ".log");
    }

    /** Where an execution's kept text goes when it is too large to travel in its result: beside the full copy. */
    public static String keptText(UUID runId, String taskId, UUID attemptId, String execution, StreamName stream) {
        return runPrefix(runId) + taskId + "/" + attemptId + "/" + execution + "/" + stream.wireName() + ".kept.gz";
    }
}
