package dev.spool.scheduler.audit;

import dev.spool.scheduler.model.AuditEntry;
import dev.spool.scheduler.security.Caller;
import dev.spool.scheduler.service.AuditLog;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.net.URI;
import java.time.InstantSource;
import java.util.StringJoiner;

/**
 * Writes the audit log as the gateway answers: one entry for each call of an {@link Audited} endpoint, whatever its
 * outcome (a refusal is recorded too), and one for each failed authentication anywhere. The entry is written after
 * the action's own transaction, in its own; a failure to write it is logged, and does not fail the action.
 */
public class AuditTrail {

    static final String FAILED_AUTHENTICATION = "auth.failed";

    private final CurrentIdentityAssociation identities;
    private final AuditLog log;
    private final InstantSource clock;

    public AuditTrail(CurrentIdentityAssociation identities, AuditLog log, InstantSource clock) {
        this.identities = identities;
        this.log = log;
        this.clock = clock;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource,
                            HttpServerRequest http) {
        Audited audited = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Audited.class);
        int status = response.getStatus();
        if (audited == null && status != 401) {
            return Uni.createFrom().voidItem();
        }
        AuditEntry entry = new AuditEntry();
        entry.at = clock.instant();
        entry.action = status == 401 ? FAILED_AUTHENTICATION : audited.value();
        entry.target = status == 401 ? request.getMethod() + " " + request.getUriInfo().getPath() : target(request, response);
        entry.source = http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        entry.outcome = status;
        return identities.getDeferredIdentity().onFailure().recoverWithNull().chain(identity -> {
            if (identity != null && !identity.isAnonymous()) {
                describe(entry, identity);
            }
            return log.record(entry);
        });
    }

    private static void describe(AuditEntry entry, SecurityIdentity identity) {
        Caller caller = Caller.of(identity);
        entry.tenant = caller.tenant();
        entry.actor = caller.name();
        entry.role = caller.role().wireName();
    }

    /** What the action was on: the run and task, or tenant and token, of its path, and what it created (its Location). */
    private static String target(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        StringJoiner target = new StringJoiner(" ");
        for (String[] named : new String[][]{{"runId", "run"}, {"taskId", "task"}, {"tenant", "tenant"}, {"id", "token"}}) {
            String value = path.getFirst(named[0]);
            if (value != null) {
                target.add(named[1] + " " + value);
            }
        }
        URI created = response.getStatus() == 201 ? response.getLocation() : null;
        if (created != null) {
            String[] segments = created.getPath().split("/");
            if (segments.length >= 2) {
                String kind = segments[segments.length - 2];
                target.add((kind.endsWith("s") ? kind.substring(0, kind.length() - 1) : kind) + " " + segments[segments.length - 1]);
            }
        }
        return target.length() == 0 ? null : target.toString();
    }
}
