package dev.spool.scheduler.rest;

import dev.spool.support.Texts;
import dev.spool.contracts.OutputType;
import dev.spool.scheduler.model.Task;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;
import dev.spool.scheduler.client.FullOutputClient;
import dev.spool.scheduler.client.StateClient;
import dev.spool.contracts.TaskOutputView;
import dev.spool.scheduler.service.RunQueries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestMulti;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A task's output: the kept text from the state-service, or the whole original, streamed from object
 * storage and decompressed on the way.
 */
@Path("/api/v1/runs/{runId}/tasks/{taskId}/output")
public class TaskOutputResource {

    private static final String TEXT = "text/plain;charset=utf-8";

    private final RunQueries queries;
    private final StateClient state;
    private final FullOutputClient fullOutputs;

    public TaskOutputResource(RunQueries queries, @RestClient StateClient state, FullOutputClient fullOutputs) {
        this.queries = queries;
        this.state = state;
        this.fullOutputs = fullOutputs;
    }

    /** The kept text, with headers that tell how large the original was and whether it was cut. */
    @GET
    @Produces(TEXT)
    public Uni<Response> kept(@PathParam("runId") String runId, @PathParam("taskId") String taskId,
                              @QueryParam("stream") @DefaultValue("stdout") String stream, @QueryParam("attempt") String attempt) {
        return recorded(runId, taskId, stream, attempt).map(output -> Response.ok(output.content(), TEXT)
                .header("X-Spool-Attempt", output.attempt())
                .header("X-Spool-Original-Bytes", output.originalBytes())
                .header("X-Spool-Original-Lines", output.originalLines())
                .header("X-Spool-Kept-Bytes", output.keptBytes())
                .header("X-Spool-Truncated", output.truncated())
                .header("X-Spool-Strategy", output.truncationStrategy())
                .header("X-Spool-External-Storage-Failed", output.externalStorageFailed())
                .build());
    }

    /**
     * The whole original stream. When nothing was cut, the kept text is the whole stream; when it was cut
     * below the external-storage threshold, no full copy exists and the answer says so.
     */
    @GET
    @Path("/full")
    @Produces(TEXT)
    public Multi<byte[]> full(@PathParam("runId") String runId, @PathParam("taskId") String taskId,
                              @QueryParam("stream") @DefaultValue("stdout") String stream, @QueryParam("attempt") String attempt) {
        Uni<FullStream> source = recorded(runId, taskId, stream, attempt).chain(this::open);
        return RestMulti.fromUniResponse(source, FullStream::body,
                full -> full.sha256() == null
                        ? Map.of("X-Spool-Original-Bytes", List.of(String.valueOf(full.originalBytes())))
                        : Map.of("X-Spool-Original-Bytes", List.of(String.valueOf(full.originalBytes())),
                        "X-Spool-Sha256", List.of(full.sha256()),
                        "X-Spool-Stored-Clipped", List.of(String.valueOf(full.clipped()))),
                full -> 200);
    }

    /** @param sha256 of the stored bytes, which are all the original's unless the worker's spool clipped them */
    private record FullStream(long originalBytes, String sha256, boolean clipped, Multi<byte[]> body) {
    }

    private Uni<FullStream> open(TaskOutputView output) {
        if (output.objectKey() == null) {
            if (output.truncated()) {
                return Uni.createFrom().failure(new NotFoundException("the full " + output.stream() + " of task '" + output.taskId()
                        + "' was not stored: its " + output.originalBytes() + " bytes were cut to the limit but did not pass "
                        + "external_storage_threshold" + (output.storageError() == null ? "" : ", and storing failed: " + output.storageError())));
            }
            return Uni.createFrom().item(new FullStream(output.originalBytes(), null, false,
                    Multi.createFrom().item(output.content().getBytes(StandardCharsets.UTF_8))));
        }
        return fullOutputs.open(output.objectKey()).chain(response -> {
            if (response.statusCode() != 200) {
                return response.body().chain(body -> Uni.createFrom().failure(new UpstreamException(
                        "object storage answered " + response.statusCode() + " for " + output.objectKey() + ": " + body)));
            }
            return Uni.createFrom().item(new FullStream(output.originalBytes(), output.sha256(), output.storedClipped(),
                    response.toMulti().map(buffer -> buffer.getBytes())));
        });
    }

    private Uni<TaskOutputView> recorded(String run, String task, String stream, String attemptParam) {
        UUID runId = RequestParams.uuid("runId", run);
        String taskId = RequestParams.taskId("taskId", task);
        OutputType type = outputType(stream);
        Integer attempt = RequestParams.integer("attempt", attemptParam, null, 1, Integer.MAX_VALUE);
        return queries.task(runId, taskId).chain(found -> state.output(runId, taskId, type.wireName(), attempt)
                .onFailure().transform(e -> {
                    if (e instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
                        return new NotFoundException(type == OutputType.RESULT && found.status.isTerminal()
                                ? "task '" + taskId + "' left no result" + (attempt == null ? "" : " at attempt " + attempt)
                                + ": a task records one by writing a JSON object to the file named by SPOOL_RESULT_FILE"
                                : whyNoOutput(found, type.wireName(), attempt));
                    }
                    // 410 (pruned) and the service's other answers about the request reach the caller as they are.
                    return StateErrors.passOn(e, "read the output of task '" + taskId + "'");
                }));
    }

    private static OutputType outputType(String stream) {
        try {
            return OutputType.fromWireName(stream);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("stream", "stream " + Texts.quote(stream) + " is not an output: use stdout, stderr or result");
        }
    }

    /** Why a task has no such output, in the terms of what happened to it. */
    static String whyNoOutput(Task task, String stream, Integer attempt) {
        String which = "task '" + task.taskId + "'";
        if (attempt != null && attempt > task.attempt) {
            return which + " has no attempt " + attempt + ": it has had " + task.attempt + (task.attempt == 1 ? " attempt" : " attempts")
                    + "; see its attempts at /api/v1/runs/" + task.runId + "/tasks/" + task.taskId + "/attempts";
        }
        return switch (task.status) {
            case SKIPPED, CANCELLED -> task.attempt == 0
                    ? which + " was " + task.status.name() + " before it ran, so it has no " + stream
                    + (task.statusReason == null ? "" : " (" + task.statusReason + ")")
                    : "no " + stream + " was recorded for " + which + (attempt == null ? "" : " at attempt " + attempt);
            case PENDING, READY, QUEUED -> which + " has not run yet (" + task.status.name() + "); its " + stream
                    + " is recorded when its attempt ends";
            case RUNNING -> which + " is still running; its " + stream + " is recorded when the attempt ends";
            default -> "no " + stream + " was recorded for " + which + (attempt == null ? "" : " at attempt " + attempt)
                    + " (it ended " + task.status.name() + ")";
        };
    }
}
