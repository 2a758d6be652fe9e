package dev.spool.worker.service;

import dev.spool.contracts.context.ContextDocument;
import dev.spool.contracts.context.ContextRequest;
import dev.spool.worker.client.StateClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;

/** Asks the state-service for a task's context document, waiting out a short absence of the service. */
@ApplicationScoped
public class ContextFetcher {

    private final StateClient state;
    private final MeterRegistry metrics;

    public ContextFetcher(@RestClient StateClient state, MeterRegistry metrics) {
        this.state = state;
        this.metrics = metrics;
    }

    /** About 15 s of tries (0.5, 1, 2, 4, then 5 s apart): a restart of the state-service, not an outage. */
    @Retry(maxRetries = 5, delay = 500, maxDuration = 30, durationUnit = ChronoUnit.SECONDS)
    @ExponentialBackoff(maxDelay = 5000)
    public ContextDocument fetch(ContextRequest request) {
        ContextDocument document = state.context(request);
        metrics.summary("spool.worker.context.bytes").record(document.bytes());
        return document;
    }
}
