package dev.spool.scheduler.rest;

import dev.spool.scheduler.client.UpstreamException;
import dev.spool.scheduler.security.NotForRoleException;
import dev.spool.scheduler.service.NameTakenException;
import dev.spool.scheduler.service.QuotaExceededException;
import dev.spool.scheduler.service.RunAlreadyEndedException;
import dev.spool.scheduler.service.RunNotFoundException;
import dev.spool.scheduler.service.RunNotPausedException;
import dev.spool.scheduler.service.TaskNotFoundException;
import dev.spool.scheduler.service.TaskNotRetryableException;
import dev.spool.scheduler.service.TenantNotFoundException;
import dev.spool.scheduler.service.TokenNotFoundException;
import dev.spool.scheduler.workflow.WorkflowValidationException;
import dev.spool.support.rest.ApiError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The gateway's own errors; everything else is answered by the mappers every service shares. */
public class GatewayExceptionMappers {

    @ServerExceptionMapper
    public Response invalidWorkflow(WorkflowValidationException e) {
        int count = e.violations().size();
        String message = "the workflow is invalid (" + count + (count == 1 ? " problem" : " problems") + "): " + e.getMessage();
        return json(Response.Status.BAD_REQUEST, new ApiError("invalid_workflow", message, e.violations()));
    }

    @ServerExceptionMapper
    public Response storedCopyGone(StoredCopyGoneException e) {
        return json(Response.Status.GONE, ApiError.of("stored_copy_gone", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response runNotFound(RunNotFoundException e) {
        return json(Response.Status.NOT_FOUND, ApiError.of("run_not_found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response runEnded(RunAlreadyEndedException e) {
        return json(Response.Status.CONFLICT, ApiError.of("run_already_ended", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notRetryable(TaskNotRetryableException e) {
        return json(Response.Status.CONFLICT, ApiError.of("task_not_retryable", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notPaused(RunNotPausedException e) {
        return json(Response.Status.CONFLICT, ApiError.of("run_not_paused", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response tooLarge(WorkflowTooLargeException e) {
        return json(Response.Status.REQUEST_ENTITY_TOO_LARGE, ApiError.of("workflow_too_large", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response taskNotFound(TaskNotFoundException e) {
        return json(Response.Status.NOT_FOUND, ApiError.of("task_not_found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response upstream(UpstreamException e) {
        return json(Response.Status.BAD_GATEWAY, ApiError.of("upstream_unavailable", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response tenantNotFound(TenantNotFoundException e) {
        return json(Response.Status.NOT_FOUND, ApiError.of("tenant_not_found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response tokenNotFound(TokenNotFoundException e) {
        return json(Response.Status.NOT_FOUND, ApiError.of("token_not_found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response nameTaken(NameTakenException e) {
        return json(Response.Status.CONFLICT, ApiError.of(e.code(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response quotaExceeded(QuotaExceededException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("quota_exceeded", e.getMessage()));
        if (e.retryAfterSeconds() > 0) {
            response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response.build();
    }

    /** No credentials at all, on an endpoint that needs them. */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return challenge(ApiError.of("unauthenticated", "this endpoint needs a bearer token: send \"Authorization: Bearer <token>\" "
                + "(on the local stack the admin token is in .spool/admin-token; an admin issues others with POST /api/v1/tenants/{name}/tokens)"));
    }

    /** Credentials that let no one in: not a bearer token, unknown, revoked or expired. */
    @ServerExceptionMapper
    public Response invalidToken(AuthenticationFailedException e) {
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? "the bearer token is not valid; ask an admin for a token" : e.getMessage();
        return challenge(ApiError.of("invalid_token", message));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(Response.Status.FORBIDDEN, ApiError.of("forbidden", "this token's role may not do this: a viewer reads its tenant's runs, "
                + "a submitter also submits, controls and prunes them, and an admin also manages tenants and tokens; ask an admin for a token with the role you need"));
    }

    @ServerExceptionMapper
    public Response notForRole(NotForRoleException e) {
        return json(Response.Status.FORBIDDEN, ApiError.of("forbidden", e.getMessage()));
    }

    private static Response challenge(ApiError body) {
        return Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"spool\"")
                .type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    static Response json(Response.Status status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
