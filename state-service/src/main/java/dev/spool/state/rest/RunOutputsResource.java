package dev.spool.state.rest;

import dev.spool.contracts.OutputPage;
import dev.spool.contracts.OutputType;
import dev.spool.contracts.context.CleanupPolicy;
import dev.spool.contracts.context.ContextMetrics;
import dev.spool.contracts.context.RunWarnings;
import dev.spool.contracts.context.PruneReport;
import dev.spool.state.service.OutputQueries;
import dev.spool.state.service.PruneRequests;
import dev.spool.support.Texts;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;
import java.util.UUID;

/** A run's records as a whole: listed page by page, in figures, and pruned on request. */
@Path("/api/v1/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
public class RunOutputsResource {

    private final OutputQueries queries;
    private final PruneRequests prunes;

    public RunOutputsResource(OutputQueries queries, PruneRequests prunes) {
        this.queries = queries;
        this.prunes = prunes;
    }

    @GET
    @Path("/outputs")
    public Uni<OutputPage> outputs(@PathParam("runId") String run, @QueryParam("task") String task, @QueryParam("type") String type,
                                   @QueryParam("stream") String stream, @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") String limit, @QueryParam("content") String content) {
        UUID runId = RequestParams.uuid("runId", run);
        String taskId = task == null ? null : RequestParams.taskId("task", task);
        if (type != null && stream != null && !type.equalsIgnoreCase(stream)) {
            throw new InvalidRequestException("type", "type and stream name the same filter; give one of them");
        }
        String outputType = outputType(type != null ? "type" : "stream", type != null ? type : stream);
        int size = RequestParams.integer("limit", limit, 100, 1, 1000);
        return queries.page(runId, taskId, outputType, cursor, size, RequestParams.flag("content", content));
    }

    @GET
    @Path("/context-metrics")
    public Uni<ContextMetrics> metrics(@PathParam("runId") String run) {
        return queries.metrics(RequestParams.uuid("runId", run));
    }

    @GET
    @Path("/warnings")
    public Uni<RunWarnings> warnings(@PathParam("runId") String run) {
        return queries.warnings(RequestParams.uuid("runId", run));
    }

    @POST
    @Path("/prune")
    public Uni<PruneReport> prune(@PathParam("runId") String run, @QueryParam("dry_run") String dryRun,
                                  @QueryParam("strategy") String strategy, @QueryParam("keep_count") String keepCount) {
        UUID runId = RequestParams.uuid("runId", run);
        CleanupPolicy.Type type = null;
        if (strategy != null) {
            try {
                type = CleanupPolicy.Type.fromWireName(strategy);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("strategy", "strategy " + Texts.quote(strategy) + " is not a cleanup strategy: use one of "
                        + String.join(", ", Arrays.stream(CleanupPolicy.Type.values()).map(CleanupPolicy.Type::wireName).toList()));
            }
        }
        Integer keep = RequestParams.integer("keep_count", keepCount, null, 0, 1_000_000);
        return prunes.prune(runId, type, keep, RequestParams.flag("dry_run", dryRun));
    }

    static String outputType(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OutputType.fromWireName(value).wireName();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(parameter, parameter + " " + Texts.quote(value) + " is not an output type: use stdout, stderr or result");
        }
    }
}
