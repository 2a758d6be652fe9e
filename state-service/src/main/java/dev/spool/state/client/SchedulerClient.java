package dev.spool.state.client;

import dev.spool.contracts.context.RunNeeds;
import dev.spool.support.rest.InternalCredential;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** The scheduler, which knows which of a run's tasks are still to run and what they need. */
@RegisterRestClient(configKey = "scheduler-service")
@Path("/api/v1/internal/runs")
@ClientHeaderParam(name = InternalCredential.HEADER, value = "{dev.spool.support.rest.InternalCredential.configured}")
public interface SchedulerClient {

    @GET
    @Path("/{runId}/needs")
    Uni<RunNeeds> needs(@PathParam("runId") UUID runId);
}
