package dev.spool.worker.rest;

import dev.spool.contracts.StreamName;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;
import dev.spool.worker.capture.LiveFeed;
import dev.spool.worker.service.AttemptSupervisor;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import java.util.UUID;

/**
 * A running attempt's output as it is printed, for the gateway's {@code follow=true}: what is held of it so far (or its
 * last {@code tail_lines}), then each chunk as it comes, until the stream ends.
 */
@Path("/api/v1/attempts/{attemptId}/output")
public class LiveOutputResource {

    private final AttemptSupervisor supervisor;

    public LiveOutputResource(AttemptSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @GET
    @Produces("text/plain;charset=utf-8")
    public Multi<byte[]> follow(@PathParam("attemptId") String attempt, @QueryParam("stream") @DefaultValue("stdout") String stream,
                                @QueryParam("tail_lines") String tailLines) {
        UUID attemptId;
        try {
            attemptId = UUID.fromString(attempt);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("attemptId", "attemptId " + dev.spool.support.Texts.quote(attempt)
                    + " is not an attempt id: attempt ids are UUIDs, as GET /api/v1/runs/{id}/tasks/{taskId}/attempts lists them");
        }
        StreamName name = switch (stream) {
            case "stdout" -> StreamName.STDOUT;
            case "stderr" -> StreamName.STDERR;
            default -> throw new InvalidRequestException("stream", "stream is stdout or stderr, got " + dev.spool.support.Texts.quote(stream));
        };
        int lines = RequestParams.integer("tail_lines", tailLines, -1, 0, 10_000_000);
        LiveFeed feed = supervisor.liveFeed(attemptId, name);
        if (feed == null) {
            throw new NotFoundException("attempt " + attemptId + " is not running on this worker");
        }
        return feed.follow(lines);
    }
}
