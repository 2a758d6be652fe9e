package dev.spool.state.rest;

import dev.spool.contracts.storage.ObjectReferenceQuery;
import dev.spool.contracts.storage.StorageUsage;
import dev.spool.state.service.StoredObjectQueries;
import dev.spool.support.rest.RequestParams;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The stored full outputs as the records see them: asked by the storage-service's sweeper and the gateway's usage. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StoredObjectResource {

    private final StoredObjectQueries queries;

    public StoredObjectResource(StoredObjectQueries queries) {
        this.queries = queries;
    }

    @POST
    @Path("/objects/referenced")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectReferenceQuery.Referenced> referenced(ObjectReferenceQuery query) {
        return queries.referenced(query);
    }

    @GET
    @Path("/storage/usage")
    public Uni<StorageUsage> usage(@QueryParam("run") String run, @QueryParam("tenant") String tenant) {
        return queries.usage(run == null ? null : RequestParams.uuid("run", run), RequestParams.text("tenant", tenant, 200));
    }
}
