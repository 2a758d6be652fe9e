package dev.spool.scheduler.rest;

import dev.spool.scheduler.audit.Audited;
import dev.spool.scheduler.mapping.TenantViews.TenantList;
import dev.spool.scheduler.mapping.TenantViews.TokenList;
import dev.spool.scheduler.mapping.TenantViews.TokenView;
import dev.spool.scheduler.security.Role;
import dev.spool.scheduler.service.TenantAdmin;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.regex.Pattern;

/** The admin API: tenants, and the tokens that let their people in. */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class TenantResource {

    private static final Pattern TENANT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern TOKEN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final TenantAdmin admin;

    public TenantResource(TenantAdmin admin) {
        this.admin = admin;
    }

    public record NewTenant(String name) {
    }

    /** {@code expires_in}: how long it lets its holder in, such as "90d", "12h" or ISO-8601 "P30D"; absent: until revoked. */
    public record NewToken(String name, String role, String expiresIn) {
    }

    @Audited("tenant.create")
    @POST
    public Uni<Response> create(NewTenant body) {
        String name = tenantName(body == null ? null : body.name(), "name");
        return admin.createTenant(name).map(created -> Response.created(URI.create("/api/v1/tenants/" + created.name())).entity(created).build());
    }

    @GET
    public Uni<TenantList> list() {
        return admin.listTenants().map(TenantList::new);
    }

    @Audited("token.issue")
    @POST
    @Path("/{tenant}/tokens")
    public Uni<Response> issue(@PathParam("tenant") String tenant, NewToken body) {
        if (body == null) {
            throw new InvalidRequestException("body", "send {\"name\": \"ci\", \"role\": \"submitter\", \"expires_in\": \"90d\"}");
        }
        String name = RequestParams.text("name", body.name(), 100);
        if (name == null || !TOKEN_NAME.matcher(name).matches()) {
            throw new InvalidRequestException("name", "a token needs a name of letters, digits, '.', '_' or '-' (up to 100), such as \"ci\"");
        }
        Role role;
        try {
            role = Role.parse(body.role());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("role", e.getMessage());
        }
        return admin.issueToken(tenantName(tenant, "tenant"), name, role, TokenLifetimes.parse("expires_in", body.expiresIn()))
                .map(issued -> Response.created(URI.create("/api/v1/tenants/" + issued.tenant() + "/tokens/" + issued.id()))
                        .entity(issued).build());
    }

    @GET
    @Path("/{tenant}/tokens")
    public Uni<TokenList> tokens(@PathParam("tenant") String tenant) {
        return admin.listTokens(tenantName(tenant, "tenant")).map(TokenList::new);
    }

    @GET
    @Path("/{tenant}/quotas")
    public Uni<TenantAdmin.Quotas> quotas(@PathParam("tenant") String tenant) {
        return admin.quotas(tenantName(tenant, "tenant"));
    }

    /** The tenant's own quotas, all at once: a field left out or null goes back to the default, 0 is no limit. */
    @Audited("tenant.quotas")
    @PUT
    @Path("/{tenant}/quotas")
    public Uni<TenantAdmin.Quotas> setQuotas(@PathParam("tenant") String tenant, TenantAdmin.Own body) {
        TenantAdmin.Own own = body == null ? new TenantAdmin.Own(null, null, null, null) : body;
        quota("runs_in_flight", own.runsInFlight());
        quota("tasks_per_run", own.tasksPerRun());
        quota("submissions_per_minute", own.submissionsPerMinute());
        if (own.storedBytes() != null && own.storedBytes() < 0) {
            throw new InvalidRequestException("stored_bytes", "stored_bytes is 0 (no limit) or more bytes, or null for the default; got " + own.storedBytes());
        }
        return admin.setQuotas(tenantName(tenant, "tenant"), own);
    }

    private static void quota(String name, Integer value) {
        if (value != null && (value < 0 || value > 1_000_000)) {
            throw new InvalidRequestException(name, name + " is 0 (no limit) to 1000000, or null for the default; got " + value);
        }
    }

    /** Revokes the token at once; it stays listed, as revoked, so that what it did can still be traced to it. */
    @Audited("token.revoke")
    @DELETE
    @Path("/{tenant}/tokens/{id}")
    public Uni<TokenView> revoke(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return admin.revoke(tenantName(tenant, "tenant"), RequestParams.uuid("id", id));
    }

    private static String tenantName(String name, String where) {
        if (name == null || !TENANT_NAME.matcher(name).matches()) {
            throw new InvalidRequestException(where, "a tenant name is 1 to 63 lower-case letters, digits or '-', starting with a letter or digit, such as \"team-a\""
                    + (name == null ? "" : "; got \"" + (name.length() > 80 ? name.substring(0, 80) + "…" : name) + "\""));
        }
        return name;
    }
}
