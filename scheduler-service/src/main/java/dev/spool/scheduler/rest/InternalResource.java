package dev.spool.scheduler.rest;

import dev.spool.contracts.context.RunNeeds;
import dev.spool.scheduler.service.RunQueries;
import dev.spool.support.rest.RequestParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the other services ask the scheduler; not part of the public API. Any replica answers, from the database. */
@Path("/api/v1/internal/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
// Called by the state-service, inside the cluster; the internal credential of service-to-service calls is still to come.
@PermitAll
public class InternalResource {

    private final RunQueries queries;

    public InternalResource(RunQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/needs")
    public Uni<RunNeeds> needs(@PathParam("runId") String run) {
        return queries.needs(RequestParams.uuid("runId", run));
    }
}
