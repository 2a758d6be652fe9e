package dev.spool.scheduler.client;

import dev.spool.support.rest.InternalCredential;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import dev.spool.contracts.OutputPage;
import dev.spool.contracts.TaskOutputView;
import dev.spool.contracts.context.ContextDocument;
import dev.spool.contracts.context.ContextMetrics;
import dev.spool.contracts.context.ContextRequest;
import dev.spool.contracts.context.PruneReport;
import dev.spool.contracts.context.RunWarnings;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;
import dev.spool.contracts.storage.StorageUsage;

/** The state-service: TaskOutput records, context documents, pruning. */
@RegisterRestClient(configKey = "state-service")
@ClientHeaderParam(name = InternalCredential.HEADER, value = "{dev.spool.support.rest.InternalCredential.configured}")
@Path("/api/v1")
public interface StateClient {

    /** Deletes a run's outputs, stored objects first. */
    @DELETE
    @Path("/outputs/{runId}")
    Uni<dev.spool.contracts.RunOutputsDeleted> deleteRun(@PathParam("runId") UUID runId);

    @GET
    @Path("/outputs/{runId}/{taskId}")
    Uni<TaskOutputView> output(@PathParam("runId") UUID runId, @PathParam("taskId") String taskId,
                               @QueryParam("stream") String stream, @QueryParam("attempt") Integer attempt);

    @GET
    @Path("/runs/{runId}/outputs")
    Uni<OutputPage> outputs(@PathParam("runId") UUID runId, @QueryParam("task") String task, @QueryParam("type") String type,
                            @QueryParam("stream") String stream, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                            @QueryParam("content") String content);

    @GET
    @Path("/runs/{runId}/context-metrics")
    Uni<ContextMetrics> metrics(@PathParam("runId") UUID runId);

    @GET
    @Path("/storage/usage")
    Uni<StorageUsage> storageUsage(@QueryParam("run") UUID runId, @QueryParam("tenant") String tenant);

    @GET
    @Path("/runs/{runId}/warnings")
    Uni<RunWarnings> warnings(@PathParam("runId") UUID runId);

    @POST
    @Path("/runs/{runId}/prune")
    Uni<PruneReport> prune(@PathParam("runId") UUID runId, @QueryParam("dry_run") String dryRun, @QueryParam("strategy") String strategy,
                           @QueryParam("keep_count") String keepCount);

    @POST
    @Path("/context/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<ContextDocument> previewContext(ContextRequest request);

    @GET
    @Path("/context/{runId}/{taskId}")
    Uni<ContextDocument> deliveredContext(@PathParam("runId") UUID runId, @PathParam("taskId") String taskId);
}
