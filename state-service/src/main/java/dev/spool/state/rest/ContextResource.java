package dev.spool.state.rest;

import dev.spool.contracts.context.ContextDocument;
import dev.spool.contracts.context.ContextRequest;
import dev.spool.state.context.ContextBuilder;
import dev.spool.support.rest.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Context documents. A worker asks for the one its task receives before starting it; the gateway previews the one
 * a task would receive now. The scheduler resolved the request from the workflow.
 */
@Path("/api/v1/context")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ContextResource {

    private final ContextBuilder builder;

    public ContextResource(ContextBuilder builder) {
        this.builder = builder;
    }

    @POST
    public Uni<ContextDocument> deliver(ContextRequest request) {
        return builder.deliver(checked(request));
    }

    @POST
    @Path("/preview")
    public Uni<ContextDocument> preview(ContextRequest request) {
        return builder.preview(checked(request));
    }

    @jakarta.ws.rs.GET
    @Path("/{runId}/{taskId}")
    public Uni<ContextDocument> delivered(@jakarta.ws.rs.PathParam("runId") String run, @jakarta.ws.rs.PathParam("taskId") String task) {
        java.util.UUID runId = dev.spool.support.rest.RequestParams.uuid("runId", run);
        String taskId = dev.spool.support.rest.RequestParams.taskId("taskId", task);
        return builder.delivered(runId, taskId).onItem().ifNull().failWith(() -> new jakarta.ws.rs.NotFoundException(
                "task '" + taskId + "' of run " + runId + " has not received a context yet"));
    }

    private static ContextRequest checked(ContextRequest request) {
        if (request == null || request.runId() == null || request.taskId() == null) {
            throw new InvalidRequestException("body", "give the context request a run_id and a task_id");
        }
        if (request.maxBytes() < 0 || request.maxTasks() < 0 || (request.maxTokens() != null && request.maxTokens() < 0)) {
            throw new InvalidRequestException("body", "max_bytes, max_tasks and max_tokens must not be negative");
        }
        return request;
    }
}
