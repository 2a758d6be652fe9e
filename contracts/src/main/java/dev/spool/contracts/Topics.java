package dev.spool.contracts;

/**
 * The Kafka topics that connect the services. Dispatch flows scheduler → worker, results worker → state,
 * and the "recorded" event state → scheduler, so the scheduler only advances a run once its output is durable.
 */
public final class Topics {

    /** Ready task attempts, consumed by the workers' shared consumer group. */
    public static final String TASK_DISPATCH = "spool.task.dispatch";
    /** Lifecycle events of running attempts (started, heartbeats), consumed by the scheduler. */
    public static final String TASK_EVENTS = "spool.task.events";
    /** Finished attempts with their captured output, consumed by the state-service. */
    public static final String TASK_RESULTS = "spool.task.results";
    /** Emitted by the state-service once an attempt's output is stored; drives the scheduler's DAG. */
    public static final String OUTPUT_RECORDED = "spool.output.recorded";

    /** Orders for running attempts (cancel), read by every worker. */
    public static final String TASK_CONTROL = "spool.task.control";

    /** Workers' announcements of their capacity, consumed by the scheduler. */
    public static final String WORKER_STATUS = "spool.worker.status";

    /** Messages a consumer could not apply, with the reason ({@link DeadLetter}); read by people, not by Spool. */
    public static final String DEAD_LETTERS = "spool.dead-letters";

    public static final java.util.List<String> ALL = java.util.List.of(TASK_DISPATCH, TASK_EVENTS, TASK_RESULTS, OUTPUT_RECORDED, TASK_CONTROL,
            WORKER_STATUS, DEAD_LETTERS);

    private Topics() {
    }
}
