package dev.spool.state.client;

import dev.spool.contracts.ObjectDeletionRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;
import java.util.UUID;

/** The storage-service, which owns the bucket the full outputs are in. */
@RegisterRestClient(configKey = "storage-service")
@Path("/api/v1/objects")
public interface StorageClient {

    @DELETE
    @Path("/runs/{runId}")
    Uni<Map<String, Integer>> deleteRun(@PathParam("runId") UUID runId);

    @POST
    @Path("/delete")
    Uni<ObjectDeletionRequest.Deleted> delete(ObjectDeletionRequest request);
}
