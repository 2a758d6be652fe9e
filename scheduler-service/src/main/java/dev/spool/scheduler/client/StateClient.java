package dev.spool.scheduler.client;

import dev.spool.contracts.TaskOutputView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** The state-service's TaskOutput records. */
@RegisterRestClient(configKey = "state-service")
@Path("/api/v1/outputs")
public interface StateClient {

    /** Deletes a run's outputs, stored objects first. */
    @jakarta.ws.rs.DELETE
    @Path("/{runId}")
    Uni<com.fasterxml.jackson.databind.JsonNode> deleteRun(@PathParam("runId") UUID runId);

    @GET
    @Path("/{runId}/{taskId}")
    Uni<TaskOutputView> output(@PathParam("runId") UUID runId, @PathParam("taskId") String taskId,
                               @QueryParam("stream") String stream, @QueryParam("attempt") Integer attempt);
}
