package dev.spool.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "spool.scheduler")
public interface SchedulerConfig {

    /** The storage-service, which streams full outputs back decompressed. */
    URI storageUrl();

    /** Submitted documents over this size are refused with 413. */
    @WithDefault("1048576")
    long maxWorkflowBytes();

    /** Workflows with more tasks are refused with 400. */
    @WithDefault("10000")
    int maxTasks();

    /**
     * Loader variables (LD_PRELOAD, LD_LIBRARY_PATH, DYLD_*, GCONV_PATH) that workflows may set; every other is
     * refused at submission, since it changes how each program of a task is loaded.
     */
    Optional<Set<String>> allowedLoaderEnv();

    /** Attempts lost to a worker that died or stopped that are re-run without counting as tries. */
    @WithDefault("3")
    int lostAttemptReruns();

    Dispatch dispatch();

    Quota quota();

    Lease lease();

    Leader leader();

    Retention retention();

    /** Each tenant's defaults, which an admin can change for one tenant; 0 is no limit. */
    interface Quota {
        /** Runs not yet finished; one more is answered 429. */
        @WithDefault("1000")
        int runsInFlight();

        /** Tasks in one run; more is answered 400. 0: only max-tasks, which bounds every run, holds. */
        @WithDefault("0")
        int tasksPerRun();

        /** Submissions a minute, with a minute's worth of burst, on each replica; more is answered 429 with Retry-After. */
        @WithDefault("600")
        int submissionsPerMinute();

        /**
         * Bytes the tenant's runs may keep in the bucket, as the state-service counts them; a submission while they are
         * over it is answered 429 until retention or pruning frees room. 0 is no limit.
         */
        @WithDefault("0")
        long storedBytes();

        /** How long a tenant's stored bytes, once counted, are taken as they were: each count reads all its outputs. */
        @WithDefault("10s")
        java.time.Duration storedBytesFreshness();
    }

    interface Dispatch {
        /**
         * Attempts in flight per slot of the live workers. Above 1 so that a slot that frees finds its next attempt
         * already on its way instead of waiting a round trip through the scheduler; low, so that a busy worker does not
         * hold many attempts another could start.
         */
        @WithDefault("2")
        int inFlightPerSlot();

        /** A fixed limit on attempts in flight, instead of following the workers' announced capacity. */
        Optional<Integer> maxInFlight();

        /** Attempts in flight per run when the workflow sets no max_parallel; 0 for no limit. */
        @WithDefault("0")
        int maxInFlightPerRun();

        /** A worker not heard from for this long no longer counts towards the capacity. */
        @WithDefault("20s")
        Duration workerTimeout();

        /** How often the dispatcher re-reads the ready tasks, attempts in flight and workers from the database. */
        @WithDefault("1s")
        Duration reconcileInterval();

        /**
         * Between these, a reconcile reads only the tasks made ready lately (by another replica: this one's own reach the
         * queue directly); a full one re-reads every ready task, should one have been missed.
         */
        @WithDefault("30s")
        Duration fullReconcileInterval();

        /** An attempt committed this long ago and not acknowledged by Kafka is published again. */
        @WithDefault("5s")
        Duration republishAfter();
    }

    interface Lease {
        /** A running attempt without a heartbeat for this long is LOST. */
        @WithDefault("30s")
        Duration heartbeatTimeout();

        /** Added to an attempt's timeout before the scheduler ends it itself, so the worker's own stop comes first. */
        @WithDefault("60s")
        Duration timeoutGrace();

        /**
         * After taking over, no heartbeat lease expires for this long: heartbeats that went to the old leader's
         * consumers reach the new one only once Kafka has moved their partitions (a 3 s session timeout), and a
         * heartbeat interval later.
         */
        @WithDefault("15s")
        Duration takeoverGrace();
    }

    interface Leader {
        /** The PostgreSQL advisory lock that only the dispatching replica holds. */
        @WithDefault("7293001")
        long lockKey();

        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Retention {
        /** Finished runs older than this are deleted with their outputs; 0 keeps them forever. */
        @WithDefault("30d")
        Duration maxAge();

        @WithDefault("1h")
        Duration interval();

        /** Audit entries older than this are deleted; 0 keeps them forever. Apart from runs: entries outlive runs. */
        @WithDefault("400d")
        Duration auditMaxAge();
    }
}
