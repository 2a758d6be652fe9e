package dev.spool.storage.rest;

import dev.spool.storage.service.OutputStore;
import dev.spool.storage.service.StoredObject;
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
 * Gzipped task outputs by key. {@code ?decompress=true} streams the original text back, decompressed on
 * the fly, so a client never needs to hold or unpack the whole object.
 */
@Path("/api/v1/objects")
public class ObjectResource {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final OutputStore store;

    public ObjectResource(OutputStore store) {
        this.store = store;
    }

    @PUT
    @Path("/{key: .+}")
    @Consumes({OutputStore.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public StoredObject put(@PathParam("key") String key, @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long length,
                            InputStream body) {
        ObjectKeyRules.check(key);
        return store.put(key, body, length);
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
            return Response.ok(body, OutputStore.CONTENT_TYPE).header(HttpHeaders.CONTENT_LENGTH, stored.sizeBytes()).build();
        }
        StreamingOutput body = out -> {
            try (InputStream in = new GZIPInputStream(store.open(key), BUFFER_BYTES)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).build();
    }
}
