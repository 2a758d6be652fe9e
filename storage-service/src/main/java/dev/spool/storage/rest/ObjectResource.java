package dev.spool.storage.rest;

import dev.spool.contracts.ObjectDeletionRequest;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;
import dev.spool.storage.service.OutputStore;
import dev.spool.contracts.StoredObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Task outputs by key, gzipped or as printed. {@code ?decompress=true} streams the original text back,
 * decompressed on the fly when it was stored gzipped, so a client never needs to hold or unpack the whole object.
 */
@Path("/api/v1/objects")
public class ObjectResource {

    private static final int BUFFER_BYTES = 64 * 1024;
    /** The SHA-256 of the original bytes, as the writer computed it; kept with the object and sent back on reads. */
    public static final String SHA256_HEADER = "X-Spool-Sha256";

    private final OutputStore store;

    public ObjectResource(OutputStore store) {
        this.store = store;
    }

    @PUT
    @Path("/{key: .+}")
    @Consumes({OutputStore.GZIP, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public StoredObject put(@PathParam("key") String key, @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long length,
                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                            @HeaderParam(SHA256_HEADER) String sha256, InputStream body) {
        ObjectKeyRules.check(key);
        String type = contentType != null && contentType.startsWith(OutputStore.GZIP) ? OutputStore.GZIP : MediaType.APPLICATION_OCTET_STREAM;
        return store.put(key, body, length, type, sha256);
    }

    /** Deletes objects by key, such as those of pruned outputs. */
    @jakarta.ws.rs.POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectDeletionRequest.Deleted delete(ObjectDeletionRequest request) {
        if (request == null || request.keys().isEmpty()) {
            throw new InvalidRequestException("keys", "give the keys to delete: {\"keys\": [\"runs/...\"]}");
        }
        if (request.keys().size() > ObjectDeletionRequest.MAX_KEYS) {
            throw new InvalidRequestException("keys", "at most " + ObjectDeletionRequest.MAX_KEYS + " keys a request, got "
                    + request.keys().size() + "; send them in several requests");
        }
        request.keys().forEach(ObjectKeyRules::check);
        return new ObjectDeletionRequest.Deleted(store.delete(request.keys()));
    }

    /** Deletes every object of a run, when its run is deleted: {@code {"deleted": n}}. */
    @jakarta.ws.rs.DELETE
    @Path("/runs/{runId}")
    @Produces(MediaType.APPLICATION_JSON)
    public java.util.Map<String, Integer> deleteRun(@PathParam("runId") String runId) {
        return java.util.Map.of("deleted", store.deletePrefix(dev.spool.contracts.ObjectKeys.runPrefix(RequestParams.uuid("runId", runId))));
    }

    @GET
    @Path("/{key: .+}")
    public Response get(@PathParam("key") String key, @QueryParam("decompress") boolean decompress) {
        ObjectKeyRules.check(key);
        StoredObject stored = store.stat(key);
        if (!decompress) {
            StreamingOutput body = out -> {
                try (InputStream in = store.open(key)) {
                    in.transferTo(out);
                }
            };
            return Response.ok(body, stored.contentType()).header(HttpHeaders.CONTENT_LENGTH, stored.sizeBytes())
                    .header(SHA256_HEADER, stored.sha256()).build();
        }
        StreamingOutput body = out -> {
            InputStream object = store.open(key);
            try (InputStream in = stored.gzipped() ? new GZIPInputStream(object, BUFFER_BYTES) : object) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).header(SHA256_HEADER, stored.sha256()).build();
    }
}
