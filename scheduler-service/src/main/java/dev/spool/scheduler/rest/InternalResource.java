package dev.spool.scheduler.rest;

import dev.spool.contracts.context.RunNeeds;
import dev.spool.scheduler.service.RunQueries;
import dev.spool.support.rest.InternalConfig;
import dev.spool.support.rest.InternalCredential;
import dev.spool.support.rest.InternalCredentialException;
import dev.spool.support.rest.RequestParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the other services ask the scheduler; not part of the public API. Any replica answers, from the database. */
@Path("/api/v1/internal/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
// No bearer token: the state-service shows the services' shared credential instead, checked here.
@PermitAll
public class InternalResource {

    private final RunQueries queries;
    private final InternalConfig config;

    public InternalResource(RunQueries queries, InternalConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @GET
    @Path("/needs")
    public Uni<RunNeeds> needs(@PathParam("runId") String run, @HeaderParam(InternalCredential.HEADER) String credential) {
        InternalCredentialException.check(config, credential);
        return queries.needs(RequestParams.uuid("runId", run));
    }
}
