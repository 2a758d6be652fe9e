package dev.spool.support.logging;

import org.jboss.logging.MDC;

import java.util.UUID;

/**
 * Puts the run, task and attempt an operation works on into the log's MDC, so that each line logged meanwhile
 * carries them: as fields of the JSON log on Kubernetes ({@code run_id}, {@code task_id}, {@code attempt_id},
 * beside OpenTelemetry's {@code traceId}), which is how a log search finds everything of one attempt.
 */
public final class AttemptLogContext implements AutoCloseable {

    public static final String RUN_ID = "run_id";
    public static final String TASK_ID = "task_id";
    public static final String ATTEMPT_ID = "attempt_id";

    private AttemptLogContext() {
    }

    /** For a try-with-resources around the work on one attempt, on the thread that does it. */
    public static AttemptLogContext of(UUID runId, String taskId, UUID attemptId) {
        put(RUN_ID, runId);
        put(TASK_ID, taskId);
        put(ATTEMPT_ID, attemptId);
        return new AttemptLogContext();
    }

    private static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }

    @Override
    public void close() {
        MDC.remove(RUN_ID);
        MDC.remove(TASK_ID);
        MDC.remove(ATTEMPT_ID);
    }
}
