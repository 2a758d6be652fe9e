package dev.spool.state.rest;

import dev.spool.support.rest.RequestParams;
import dev.spool.contracts.StreamName;
import dev.spool.contracts.TaskOutputView;
import dev.spool.state.model.TaskOutput;
import dev.spool.state.repository.TaskOutputRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import dev.spool.state.client.StorageClient;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

@Path("/api/v1/outputs")
@Produces(MediaType.APPLICATION_JSON)
public class OutputResource {

    private final TaskOutputRepository outputs;
    private final StorageClient storage;

    public OutputResource(TaskOutputRepository outputs, @RestClient StorageClient storage) {
        this.outputs = outputs;
        this.storage = storage;
    }

    public record Deleted(UUID runId, long outputs, int objects) {
    }

    /**
     * Deletes a run's outputs: first its stored objects, then its records, so that a failure leaves nothing
     * stored that no record points to. Asked by the scheduler's retention; safe to repeat.
     */
    @DELETE
    @Path("/{runId}")
    public Uni<Deleted> deleteRun(@PathParam("runId") String run) {
        UUID runId = RequestParams.uuid("runId", run);
        return storage.deleteRun(runId)
                .chain(objects -> Panache.withTransaction(() -> outputs.delete("runId", runId))
                        .map(rows -> new Deleted(runId, rows, objects.getOrDefault("deleted", 0))));
    }

    /** One stream of a task: of its latest attempt unless {@code attempt} names one. */
    @GET
    @Path("/{runId}/{taskId}")
    @WithSession
    public Uni<TaskOutputView> get(@PathParam("runId") String run, @PathParam("taskId") String task,
                                   @QueryParam("stream") @DefaultValue("stdout") String stream,
                                   @QueryParam("attempt") String attemptParam) {
        UUID runId = RequestParams.uuid("runId", run);
        String taskId = RequestParams.taskId("taskId", task);
        Integer attempt = RequestParams.integer("attempt", attemptParam, null, 1, Integer.MAX_VALUE);
        StreamName streamName = StreamName.fromWireName(stream);
        return outputs.findOutput(runId, taskId, streamName.wireName(), attempt)
                .onItem().ifNull().failWith(() -> new NotFoundException(
                        "no " + streamName.wireName() + " recorded for task '" + taskId + "' of run " + runId
                                + (attempt == null ? "" : " at attempt " + attempt)))
                .map(OutputResource::view);
    }

    private static TaskOutputView view(TaskOutput row) {
        return new TaskOutputView(row.runId, row.taskId, row.attemptId, row.attempt, row.stream, row.taskStatus, row.exitCode,
                row.content, row.originalBytes, row.originalLines, row.keptBytes, row.truncated, row.truncationStrategy,
                row.binary, row.objectKey, row.objectBytes, row.storedBytes, row.sha256, row.storedClipped, row.externalStorageFailed,
                row.storageError);
    }
}
