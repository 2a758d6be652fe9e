package dev.spool.state.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "spool.state")
public interface StateConfig {

    Housekeeping housekeeping();

    interface Housekeeping {
        /** How often runs left due (their scheduler was away, the service restarted) are caught up on. */
        @WithDefault("15s")
        Duration sweepInterval();

        /** A run's context summary is logged every this many recorded outputs, and at its end. */
        @WithDefault("100")
        int summaryEvery();

        /** How often the queue of objects to delete is worked through. */
        @WithDefault("5s")
        Duration deletionInterval();
    }
}
