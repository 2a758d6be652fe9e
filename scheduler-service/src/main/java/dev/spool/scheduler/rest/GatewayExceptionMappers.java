package dev.spool.scheduler.rest;

import dev.spool.scheduler.client.UpstreamException;
import dev.spool.scheduler.service.RunAlreadyEndedException;
import dev.spool.scheduler.service.RunNotFoundException;
import dev.spool.scheduler.service.RunNotPausedException;
import dev.spool.scheduler.service.TaskNotFoundException;
import dev.spool.scheduler.service.TaskNotRetryableException;
import dev.spool.scheduler.workflow.WorkflowValidationException;
import dev.spool.support.rest.ApiError;
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

    static Response json(Response.Status status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
