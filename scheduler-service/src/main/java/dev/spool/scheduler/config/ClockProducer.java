package dev.spool.scheduler.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.InstantSource;

/** The one clock of the scheduler, so that tests can move time. */
public class ClockProducer {

    @Produces
    @ApplicationScoped
    InstantSource clock() {
        return InstantSource.system();
    }
}
