package dev.spool.state.rest;

import dev.spool.contracts.TaskOutputView;
import dev.spool.state.service.OutputQueries;
import dev.spool.state.service.RunDeletion;
import dev.spool.support.rest.RequestParams;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

@Path("/api/v1/outputs")
@Produces(MediaType.APPLICATION_JSON)
public class OutputResource {

    private final OutputQueries queries;
    private final RunDeletion deletion;

    public OutputResource(OutputQueries queries, RunDeletion deletion) {
        this.queries = queries;
        this.deletion = deletion;
    }

    /** Deletes a run's outputs, stored objects first; asked by the scheduler's retention; safe to repeat. */
    @DELETE
    @Path("/{runId}")
    public Uni<dev.spool.contracts.RunOutputsDeleted> deleteRun(@PathParam("runId") String run) {
        return deletion.delete(RequestParams.uuid("runId", run));
    }

    /** One output of a task: of its latest attempt unless {@code attempt} names one. 410 when it was pruned. */
    @GET
    @Path("/{runId}/{taskId}")
    public Uni<TaskOutputView> get(@PathParam("runId") String run, @PathParam("taskId") String task,
                                   @QueryParam("stream") @DefaultValue("stdout") String stream,
                                   @QueryParam("attempt") String attemptParam) {
        UUID runId = RequestParams.uuid("runId", run);
        String taskId = RequestParams.taskId("taskId", task);
        Integer attempt = RequestParams.integer("attempt", attemptParam, null, 1, Integer.MAX_VALUE);
        return queries.output(runId, taskId, RunOutputsResource.outputType("stream", stream), attempt);
    }
}
