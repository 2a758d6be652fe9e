package dev.spool.worker.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.io.File;

/** The storage-service's object API: the worker streams a spooled gzip file to it. */
@RegisterRestClient(configKey = "storage-service")
@Path("/api/v1/objects")
public interface StorageClient {

    @PUT
    @Path("/{key: .+}")
    @Consumes("application/gzip")
    @Produces(MediaType.APPLICATION_JSON)
    StoredObjectResponse put(@PathParam("key") @jakarta.ws.rs.Encoded String key, File gzipFile);

    record StoredObjectResponse(String key, long sizeBytes) {
    }
}
