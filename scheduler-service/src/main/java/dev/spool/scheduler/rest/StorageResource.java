package dev.spool.scheduler.rest;

import dev.spool.contracts.storage.StorageUsage;
import dev.spool.scheduler.security.Caller;
import dev.spool.scheduler.security.NotForRoleException;
import dev.spool.scheduler.security.Role;
import dev.spool.scheduler.service.StorageUsageViews;
import dev.spool.support.rest.RequestParams;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** What the stored full outputs take, of every run or of one ({@code ?run=}). */
@Path("/api/v1/storage")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER, Role.Names.VIEWER})
public class StorageResource {

    private final StorageUsageViews usage;
    private final SecurityIdentity identity;

    public StorageResource(StorageUsageViews usage, SecurityIdentity identity) {
        this.usage = usage;
        this.identity = identity;
    }

    @GET
    @Path("/usage")
    public Uni<StorageUsage> usage(@QueryParam("run") String run) {
        if (run == null && !Caller.of(identity).admin()) {
            // The bucket's totals are across tenants; until usage is kept by tenant, only an admin sees them.
            throw new NotForRoleException("the storage usage of all runs is for admins; ask for one of your runs with ?run=<run id>");
        }
        return usage.usage(run == null ? null : RequestParams.uuid("run", run));
    }
}
