package dev.spool.scheduler.rest;

import dev.spool.contracts.OutputPage;
import dev.spool.contracts.context.ContextDocument;
import dev.spool.contracts.context.ContextMetrics;
import dev.spool.contracts.context.PruneReport;
import dev.spool.scheduler.audit.Audited;
import dev.spool.scheduler.client.StateClient;
import dev.spool.scheduler.client.StateErrors;
import dev.spool.scheduler.security.Role;
import dev.spool.scheduler.service.RunQueries;
import dev.spool.support.rest.RequestParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/**
 * A run's outputs and their context, through the gateway: the records page by page, their figures, pruning on
 * request, and the context document of a task. The state-service answers; the run is checked here first, so that a
 * 404 says what is missing.
 */
@Path("/api/v1/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER, Role.Names.VIEWER})
public class RunContextResource {

    private final RunQueries queries;
    private final StateClient state;

    public RunContextResource(RunQueries queries, @RestClient StateClient state) {
        this.queries = queries;
        this.state = state;
    }

    @GET
    @Path("/outputs")
    public Uni<OutputPage> outputs(@PathParam("runId") String run, @QueryParam("task") String task, @QueryParam("type") String type,
                                   @QueryParam("stream") String stream, @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") String limit, @QueryParam("content") String content) {
        UUID runId = RequestParams.uuid("runId", run);
        return queries.run(runId).chain(found -> state.outputs(runId, task, type, stream, cursor, limit, content)
                .onFailure().transform(e -> StateErrors.passOn(e, "list the outputs")));
    }

    @GET
    @Path("/context-metrics")
    public Uni<ContextMetrics> metrics(@PathParam("runId") String run) {
        UUID runId = RequestParams.uuid("runId", run);
        return queries.run(runId).chain(found -> state.metrics(runId)
                .onFailure().transform(e -> StateErrors.passOn(e, "measure the outputs")));
    }

    /** The seed's {@code checkpoint_and_prune}: a pruning pass now; {@code dry_run=true} says what it would remove. */
    @Audited("run.prune")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER})
    @POST
    @Path("/prune")
    public Uni<PruneReport> prune(@PathParam("runId") String run, @QueryParam("dry_run") String dryRun,
                                  @QueryParam("strategy") String strategy, @QueryParam("keep_count") String keepCount) {
        UUID runId = RequestParams.uuid("runId", run);
        return queries.run(runId).chain(found -> state.prune(runId, dryRun, strategy, keepCount)
                .onFailure().transform(e -> StateErrors.passOn(e, "prune the outputs")));
    }

    /**
     * The context document the task received at its latest attempt; for a task that has not asked for one yet, the
     * document it would receive now ({@code delivered: false}).
     */
    @GET
    @Path("/tasks/{taskId}/context")
    public Uni<ContextDocument> context(@PathParam("runId") String run, @PathParam("taskId") String task) {
        UUID runId = RequestParams.uuid("runId", run);
        String taskId = RequestParams.taskId("taskId", task);
        return queries.contextRequest(runId, taskId).chain(request -> {
            if (request == null) {
                return Uni.createFrom().item(ContextDocument.none(runId, taskId));
            }
            return state.deliveredContext(runId, taskId)
                    .onFailure(e -> e instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse().getStatus() == 404)
                    .recoverWithUni(() -> state.previewContext(request))
                    .onFailure().transform(e -> StateErrors.passOn(e, "build the context"));
        });
    }
}
