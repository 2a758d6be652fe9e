package dev.spool.scheduler.security;

import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.service.RunNotFoundException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.UUID;

/**
 * The one place that keeps a tenant to its own runs: every request that names a run (the {runId} of its path, or
 * {@code ?run=}) is answered 404 when the run is another tenant's, exactly as if it did not exist, so that run ids
 * leak nothing.
 * Requests without a caller are left to the role checks, and malformed ids to the resource.
 */
public class RunTenantFilter {

    private final CurrentIdentityAssociation identities;
    private final RunRepository runs;

    public RunTenantFilter(CurrentIdentityAssociation identities, RunRepository runs) {
        this.identities = identities;
        this.runs = runs;
    }

    @ServerRequestFilter
    public Uni<Response> ownRunsOnly(UriInfo uri) {
        String named = uri.getPathParameters().getFirst("runId");
        UUID runId = parse(named != null ? named : uri.getQueryParameters().getFirst("run"));
        if (runId == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().chain(identity -> {
            if (identity.isAnonymous()) {
                return Uni.createFrom().nullItem();
            }
            Caller caller = Caller.of(identity);
            if (caller.admin()) {
                return Uni.createFrom().nullItem();
            }
            return Panache.withSession(() -> runs.tenantOf(runId)).chain(tenant -> tenant == null || caller.sees(tenant)
                    ? Uni.createFrom().<Response>nullItem()
                    : Uni.createFrom().failure(new RunNotFoundException(runId)));
        });
    }

    private static UUID parse(String id) {
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
