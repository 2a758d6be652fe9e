package dev.spool.state.client;

import dev.spool.support.rest.InternalCredential;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import dev.spool.contracts.ObjectDeletionRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** The storage-service, which owns the bucket the full outputs are in. */
@RegisterRestClient(configKey = "storage-service")
@ClientHeaderParam(name = InternalCredential.HEADER, value = "{dev.spool.support.rest.InternalCredential.configured}")
@Path("/api/v1/objects")
public interface StorageClient {

    @DELETE
    @Path("/runs/{runId}")
    Uni<ObjectDeletionRequest.Deleted> deleteRun(@PathParam("runId") UUID runId);

    /** A stored text, decompressed: the kept text of an output too large for its result. */
    @jakarta.ws.rs.GET
    @Path("/{key: .+}")
    @jakarta.ws.rs.Produces("text/plain")
    Uni<String> text(@PathParam("key") @jakarta.ws.rs.Encoded String key, @jakarta.ws.rs.QueryParam("decompress") boolean decompress);

    @POST
    @Path("/delete")
    Uni<ObjectDeletionRequest.Deleted> delete(ObjectDeletionRequest request);
}
