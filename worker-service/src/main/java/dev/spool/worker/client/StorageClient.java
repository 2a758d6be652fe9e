package dev.spool.worker.client;

import dev.spool.support.rest.InternalCredential;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import dev.spool.contracts.StorageHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import dev.spool.contracts.StoredObject;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.io.File;

/** The storage-service's object API: the worker streams a spool file to it, with the checksum of its original bytes. */
@RegisterRestClient(configKey = "storage-service")
@ClientHeaderParam(name = InternalCredential.HEADER, value = "{dev.spool.support.rest.InternalCredential.configured}")
@Path("/api/v1/objects")
public interface StorageClient {

    @PUT
    @Path("/{key: .+}")
    @Consumes("application/gzip")
    @Produces(MediaType.APPLICATION_JSON)
    StoredObject putGzip(@PathParam("key") @jakarta.ws.rs.Encoded String key, @HeaderParam(StorageHeaders.SHA256) String sha256,
                         @HeaderParam(StorageHeaders.OBJECT_SHA256) String objectSha256,
                         @HeaderParam(StorageHeaders.ORIGINAL_BYTES) long originalBytes, @HeaderParam(StorageHeaders.LINES) long lines,
                         File gzipFile);

    /** The output's block index, at its key followed by {@code .index}: sent before the output. */
    @PUT
    @Path("/{key: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    void putIndex(@PathParam("key") @jakarta.ws.rs.Encoded String indexKey, dev.spool.contracts.blocked.BlockIndex index);

    @PUT
    @Path("/{key: .+}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    StoredObject putRaw(@PathParam("key") @jakarta.ws.rs.Encoded String key, @HeaderParam(StorageHeaders.SHA256) String sha256,
                        @HeaderParam(StorageHeaders.OBJECT_SHA256) String objectSha256,
                        @HeaderParam(StorageHeaders.ORIGINAL_BYTES) long originalBytes, @HeaderParam(StorageHeaders.LINES) long lines,
                        File file);
}
