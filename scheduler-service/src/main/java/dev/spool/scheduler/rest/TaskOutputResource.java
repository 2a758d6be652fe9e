package dev.spool.scheduler.rest;

import dev.spool.contracts.OutputType;
import dev.spool.contracts.PresignedUrl;
import dev.spool.contracts.TaskOutputView;
import dev.spool.contracts.blocked.BlockedOutputStream;
import dev.spool.contracts.blocked.SpanReader;
import dev.spool.contracts.blocked.TextSelection;
import dev.spool.scheduler.client.FullOutputClient;
import dev.spool.scheduler.client.ObjectMissingException;
import dev.spool.scheduler.client.StateClient;
import dev.spool.scheduler.client.StateErrors;
import dev.spool.scheduler.client.WorkerOutputClient;
import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.security.Role;
import dev.spool.scheduler.service.LiveOutputs;
import dev.spool.scheduler.service.RunQueries;
import dev.spool.support.Texts;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A task's output: the kept text from the state-service, or the whole original, streamed from object
 * storage and decompressed on the way.
 */
@Path("/api/v1/runs/{runId}/tasks/{taskId}/output")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER, Role.Names.VIEWER})
public class TaskOutputResource {

    private static final String TEXT = "text/plain;charset=utf-8";

    private final RunQueries queries;
    private final StateClient state;
    private final FullOutputClient fullOutputs;
    private final LiveOutputs live;
    private final WorkerOutputClient workers;

    public TaskOutputResource(RunQueries queries, @RestClient StateClient state, FullOutputClient fullOutputs, LiveOutputs live,
                              WorkerOutputClient workers) {
        this.live = live;
        this.workers = workers;
        this.queries = queries;
        this.state = state;
        this.fullOutputs = fullOutputs;
    }

    /**
     * The kept text, with headers that tell how large the original was and whether it was cut. Kept text too large
     * for its result is streamed from the bucket, where its record points, without being held here.
     */
    @GET
    @Produces(TEXT)
    public Multi<byte[]> kept(@PathParam("runId") String runId, @PathParam("taskId") String taskId,
                              @QueryParam("stream") @DefaultValue("stdout") String stream, @QueryParam("attempt") String attempt,
                              @QueryParam("follow") String follow, @QueryParam("tail_lines") String tailLines) {
        if (RequestParams.flag("follow", follow)) {
            return followed(runId, taskId, stream, attempt, tailLines);
        }
        if (tailLines != null) {
            throw new InvalidRequestException("tail_lines", "tail_lines goes with follow=true here; for the last lines of an ended "
                    + "task's full output use GET .../output/full?tail_lines=N");
        }
        Uni<KeptStream> source = keptStream(recorded(runId, taskId, stream, attempt));
        return RestMulti.fromUniResponse(source, KeptStream::body, KeptStream::headers, ignored -> 200);
    }

    /**
     * {@code follow=true}: the output of the task's current attempt as it is printed, from the worker that runs it,
     * beginning with what it printed so far (or its last {@code tail_lines}) and ending when the attempt ends. A task
     * that has ended answers its recorded output (or its last lines) and ends at once; one not started yet is waited for.
     */
    private Multi<byte[]> followed(String run, String task, String stream, String attempt, String tailLines) {
        UUID runId = RequestParams.uuid("runId", run);
        String taskId = RequestParams.taskId("taskId", task);
        OutputType type = outputType(stream);
        if (type == OutputType.RESULT) {
            throw new InvalidRequestException("stream", "follow=true reads stdout or stderr; a result is written once, at the end");
        }
        if (attempt != null) {
            throw new InvalidRequestException("attempt", "follow=true follows the current attempt; leave attempt out, or read an "
                    + "earlier attempt's output without follow");
        }
        Integer lines = RequestParams.integer("tail_lines", tailLines, null, 0, (int) TextSelection.MAX_LINES);
        // The worker's answer arrives on the HTTP client's context; what follows reads the database on the request's.
        io.vertx.core.Context request = io.vertx.core.Vertx.currentContext();
        java.util.concurrent.Executor onRequest = command -> request.runOnContext(ignored -> command.run());
        return RestMulti.fromUniResponse(liveOrEnded(runId, taskId, run, task, stream, type, lines, onRequest, 10),
                KeptStream::body, KeptStream::headers, ignored -> 200);
    }

    /**
     * The live stream when a worker runs the attempt; a worker that does not have it yet (it registers the attempt just
     * after it says it started) is asked again a few times, and one that no longer has it means it ended: then its
     * recorded output.
     */
    private Uni<KeptStream> liveOrEnded(UUID runId, String taskId, String run, String task, String stream, OutputType type, Integer lines,
                                        java.util.concurrent.Executor onRequest, int triesLeft) {
        return live.source(runId, taskId).chain(where -> switch (where) {
            case LiveOutputs.Source.Running running -> workers.follow(running.address(), running.attemptId(), type.wireName(), lines)
                    .map(response -> new KeptStream(null, running.attempt(), response.toMulti().map(buffer -> buffer.getBytes())))
                    .emitOn(onRequest)
                    .onFailure().recoverWithUni(() -> triesLeft > 0
                            ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300)).emitOn(onRequest)
                                    .chain(() -> liveOrEnded(runId, taskId, run, task, stream, type, lines, onRequest, triesLeft - 1))
                            : endedStream(run, task, stream, lines));
            case LiveOutputs.Source.Ended ended -> endedStream(run, task, stream, lines);
        });
    }

    /** An ended attempt's output for a follower: its last lines from the full copy when asked, or its kept text. */
    private Uni<KeptStream> endedStream(String run, String task, String stream, Integer tailLines) {
        Uni<TaskOutputView> output = recorded(run, task, stream, null)
                .onFailure(NotFoundException.class).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(1)).expireIn(10_000);
        if (tailLines == null || tailLines == 0) {
            return keptStream(output);
        }
        return output.chain(found -> open(found, new TextSelection.TailLines(tailLines))
                .map(full -> new KeptStream(found, found.attempt(), full.body())));
    }

    private Uni<KeptStream> keptStream(Uni<TaskOutputView> recorded) {
        return recorded.chain(output -> output.keptTextKey() == null
                ? Uni.createFrom().item(new KeptStream(output, output.attempt(), Multi.createFrom().item(
                        (output.content() == null ? "" : output.content()).getBytes(StandardCharsets.UTF_8))))
                : fullOutputs.open(output.keptTextKey(), new TextSelection.Whole())
                        .onFailure(ObjectMissingException.class).recoverWithUni(() -> gone(output, output.keptTextKey()))
                        .map(response -> new KeptStream(output, output.attempt(), response.toMulti().map(buffer -> buffer.getBytes()))));
    }

    /** @param output the record, or null for a live stream, which has none yet */
    private record KeptStream(TaskOutputView output, int attempt, Multi<byte[]> body) {

        Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            headers.put("X-Spool-Attempt", List.of(String.valueOf(attempt)));
            if (output == null) {
                headers.put("X-Spool-Live", List.of("true"));
                return headers;
            }
            headers.put("X-Spool-Original-Bytes", List.of(String.valueOf(output.originalBytes())));
            headers.put("X-Spool-Original-Lines", List.of(String.valueOf(output.originalLines())));
            headers.put("X-Spool-Kept-Bytes", List.of(String.valueOf(output.keptBytes())));
            headers.put("X-Spool-Truncated", List.of(String.valueOf(output.truncated())));
            headers.put("X-Spool-Strategy", List.of(output.truncationStrategy()));
            headers.put("X-Spool-External-Storage-Failed", List.of(String.valueOf(output.externalStorageFailed())));
            return headers;
        }
    }

    /**
     * The whole original stream, or the part of it that {@code tail_lines}, {@code head_lines} or a {@code Range}
     * header selects (a range answers 206). When nothing was cut, that is the kept text; when it was cut below the
     * external-storage threshold, no full copy exists and the answer says so.
     */
    @GET
    @Path("/full")
    @Produces(TEXT)
    public Multi<byte[]> full(@PathParam("runId") String runId, @PathParam("taskId") String taskId,
                              @QueryParam("stream") @DefaultValue("stdout") String stream, @QueryParam("attempt") String attempt,
                              @QueryParam("tail_lines") String tailLines, @QueryParam("head_lines") String headLines,
                              @HeaderParam("Range") String range) {
        TextSelection selection = selection(tailLines, headLines, range);
        Uni<FullStream> source = recorded(runId, taskId, stream, attempt).chain(output -> open(output, selection));
        return RestMulti.fromUniResponse(source, FullStream::body, FullStream::headers, FullStream::status);
    }

    /**
     * A time-limited link to download the stored output straight from the bucket, gzipped as stored:
     * {@code {"url", "expires_at"}}, valid {@code expires_in} seconds (15 minutes unless given, at most 7 days).
     */
    @jakarta.ws.rs.POST
    @Path("/presign")
    @Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    public Uni<PresignedUrl> presign(@PathParam("runId") String runId, @PathParam("taskId") String taskId,
                                     @QueryParam("stream") @DefaultValue("stdout") String stream, @QueryParam("attempt") String attempt,
                                     @QueryParam("expires_in") String expiresIn) {
        Integer seconds = RequestParams.integer("expires_in", expiresIn, null, 1, PresignedUrl.MAX_SECONDS);
        return recorded(runId, taskId, stream, attempt).chain(output -> output.objectKey() == null
                ? Uni.createFrom().failure(noStoredCopy(output))
                : fullOutputs.presign(output.objectKey(), seconds)
                        .onFailure(ObjectMissingException.class).recoverWithUni(() -> gone(output, output.objectKey())));
    }

    private static TextSelection selection(String tailLines, String headLines, String range) {
        try {
            return TextSelection.parse(tailLines, headLines, range);
        } catch (TextSelection.Invalid e) {
            throw new InvalidRequestException(e.parameter(), e.getMessage());
        }
    }

    /**
     * @param sha256       of the stored bytes, which are all the original's unless the worker's spool clipped them
     * @param contentRange for a byte range, what part of the original is sent
     */
    private record FullStream(long originalBytes, String sha256, boolean clipped, String contentRange, Multi<byte[]> body) {

        int status() {
            return contentRange == null ? 200 : 206;
        }

        Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            headers.put("X-Spool-Original-Bytes", List.of(String.valueOf(originalBytes)));
            headers.put("Accept-Ranges", List.of("bytes"));
            if (sha256 != null) {
                headers.put("X-Spool-Sha256", List.of(sha256));
                headers.put("X-Spool-Stored-Clipped", List.of(String.valueOf(clipped)));
            }
            if (contentRange != null) {
                headers.put("Content-Range", List.of(contentRange));
            }
            return headers;
        }
    }

    private Uni<FullStream> open(TaskOutputView output, TextSelection selection) {
        if (output.objectKey() == null && output.truncated()) {
            return Uni.createFrom().failure(noStoredCopy(output));
        }
        if (output.objectKey() == null && output.keptTextKey() == null) {
            return Uni.createFrom().item(() -> kept(output, selection));
        }
        // Nothing cut and too large for its result: its kept text, in the bucket, is the whole original.
        String key = output.objectKey() != null ? output.objectKey() : output.keptTextKey();
        return fullOutputs.open(key, selection)
                .onFailure(ObjectMissingException.class).recoverWithUni(() -> gone(output, key))
                .map(response -> new FullStream(output.originalBytes(), output.sha256(), output.storedClipped(),
                        response.getHeader("Content-Range"), response.toMulti().map(buffer -> buffer.getBytes())));
    }

    /** A 410 that says whether the object expired with the bucket's retention (asked of the storage-service) or went otherwise. */
    private <T> Uni<T> gone(TaskOutputView output, String key) {
        return fullOutputs.bucket().map(bucket -> (Integer) (int) bucket.retentionDays())
                .ifNoItem().after(Duration.ofSeconds(1)).fail().onFailure().recoverWithNull()
                .chain(days -> Uni.createFrom().failure(new StoredCopyGoneException(output, key, days)));
    }

    /** Why an output has no object in the bucket, and where its text is when nothing of it was cut. */
    private static NotFoundException noStoredCopy(TaskOutputView output) {
        String which = "the " + output.stream() + " of task '" + output.taskId() + "' has no stored copy: ";
        return new NotFoundException(which + (output.truncated()
                ? "its " + output.originalBytes() + " bytes were cut to the limit but did not pass external_storage_threshold"
                + (output.storageError() == null ? "" : ", and storing failed: " + output.storageError())
                : "nothing of it was cut, and its text is all at GET /api/v1/runs/" + output.runId() + "/tasks/" + output.taskId()
                + "/output?stream=" + output.stream()));
    }

    /** An output kept whole in PostgreSQL, selected from as a stored one is: it is small, so in memory. */
    private static FullStream kept(TaskOutputView output, TextSelection selection) {
        byte[] text = output.content().getBytes(StandardCharsets.UTF_8);
        try {
            // One uncompressed block: its index is all that is needed, the bytes are read from the text itself.
            BlockedOutputStream blocks = new BlockedOutputStream(java.io.OutputStream.nullOutputStream(), false, 0, Math.max(1, text.length));
            blocks.write(text);
            blocks.close();
            TextSelection.Resolved resolved = selection.resolve(blocks.index(), text.length);
            byte[] part;
            try (SpanReader reader = new SpanReader(new java.io.ByteArrayInputStream(text, (int) resolved.span().storedFrom(),
                    (int) Math.max(0, resolved.span().storedLength())), blocks.index(), resolved.span())) {
                part = reader.readAllBytes();
            }
            return new FullStream(output.originalBytes(), null, false,
                    resolved.range() == null ? null : resolved.range().contentRange(), Multi.createFrom().item(part));
        } catch (TextSelection.Unsatisfiable e) {
            throw new WebApplicationException(e.getMessage(), Response.status(416).header("Content-Range", "bytes */" + e.total()).build());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
