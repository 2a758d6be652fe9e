package dev.spool.scheduler.rest;

import dev.spool.scheduler.mapping.AuditPage;
import dev.spool.scheduler.repository.AuditRepository.AuditFilter;
import dev.spool.scheduler.security.Caller;
import dev.spool.scheduler.security.NotForRoleException;
import dev.spool.scheduler.security.Role;
import dev.spool.scheduler.service.AuditLog;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The audit log: an admin sees every tenant's entries (and failed authentications), others their own tenant's. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER, Role.Names.VIEWER})
public class AuditResource {

    private static final int MAX_PAGE = 500;

    private final AuditLog log;
    private final SecurityIdentity identity;

    public AuditResource(AuditLog log, SecurityIdentity identity) {
        this.log = log;
        this.identity = identity;
    }

    @GET
    public Uni<AuditPage> list(@QueryParam("tenant") String tenant, @QueryParam("action") String action,
                               @QueryParam("actor") String actor, @QueryParam("since") String since,
                               @QueryParam("until") String until, @QueryParam("limit") String limit,
                               @QueryParam("cursor") String cursor) {
        Caller caller = Caller.of(identity);
        String wanted = RequestParams.text("tenant", tenant, 63);
        if (!caller.admin() && wanted != null && !wanted.equals(caller.tenant())) {
            throw new NotForRoleException("only an admin reads another tenant's audit log; leave tenant out to read your own");
        }
        return log.list(new AuditFilter(caller.admin() ? wanted : caller.tenant(), RequestParams.text("action", action, 100),
                        RequestParams.text("actor", actor, 100), RequestParams.instant("since", since), RequestParams.instant("until", until),
                        cursor(cursor)),
                RequestParams.integer("limit", limit, 100, 1, MAX_PAGE));
    }

    private static Long cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("cursor", "cursor is the next_cursor of a previous page; start again without it");
        }
    }
}
