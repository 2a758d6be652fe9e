package dev.spool.scheduler.rest;

import dev.spool.contracts.storage.StorageUsage;
import dev.spool.scheduler.service.StorageUsageViews;
import dev.spool.support.rest.RequestParams;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** What the stored full outputs take, of every run or of one ({@code ?run=}). */
@Path("/api/v1/storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {

    private final StorageUsageViews usage;

    public StorageResource(StorageUsageViews usage) {
        this.usage = usage;
    }

    @GET
    @Path("/usage")
    public Uni<StorageUsage> usage(@QueryParam("run") String run) {
        return usage.usage(run == null ? null : RequestParams.uuid("run", run));
    }
}
