package dev.spool.storage.rest;

import dev.spool.contracts.ObjectDeletionRequest;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;
import dev.spool.storage.service.OutputReads;
import dev.spool.storage.service.OutputStore;
import dev.spool.contracts.blocked.BlockIndex;
import dev.spool.contracts.blocked.TextSelection;
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

/**
 * Task outputs by key, gzipped or as printed. {@code ?decompress=true} streams the original text back,
 * decompressed on the fly when it was stored gzipped, so a client never needs to hold or unpack the whole object.
 */
@Path("/api/v1/objects")
public class ObjectResource {

    /** The SHA-256 of the original bytes, as the writer computed it; kept with the object and sent back on reads. */
    public static final String SHA256_HEADER = "X-Spool-Sha256";

    private final OutputStore store;
    private final OutputReads reads;

    public ObjectResource(OutputStore store, OutputReads reads) {
        this.reads = reads;
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

    /**
     * A stored output. {@code decompress=true} sends its original text; then {@code tail_lines}, {@code head_lines} or a
     * {@code Range: bytes=a-b} header over the original select part of it, reading only the blocks that hold it.
     */
    @GET
    @Path("/{key: .+}")
    public Response get(@PathParam("key") String key, @QueryParam("decompress") boolean decompress,
                        @QueryParam("tail_lines") String tailLines, @QueryParam("head_lines") String headLines,
                        @HeaderParam("Range") String range) {
        ObjectKeyRules.check(key);
        if (!decompress) {
            StoredObject stored = store.stat(key);
            StreamingOutput body = out -> {
                try (InputStream in = store.open(key)) {
                    in.transferTo(out);
                }
            };
            return Response.ok(body, stored.contentType()).header(HttpHeaders.CONTENT_LENGTH, stored.sizeBytes())
                    .header(SHA256_HEADER, stored.sha256()).build();
        }
        OutputReads.Read read = reads.read(key, selection(tailLines, headLines, range));
        StreamingOutput body = read.body()::writeTo;
        Response.ResponseBuilder answer = Response.status(read.range() == null ? 200 : 206).entity(body)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).header(SHA256_HEADER, read.object().sha256())
                .header("Accept-Ranges", "bytes");
        if (read.range() != null) {
            answer.header("Content-Range", read.range().contentRange())
                    .header(HttpHeaders.CONTENT_LENGTH, read.range().length());
        }
        return answer.build();
    }

    static TextSelection selection(String tailLines, String headLines, String range) {
        try {
            return TextSelection.parse(tailLines, headLines, range);
        } catch (TextSelection.Invalid e) {
            throw new InvalidRequestException(e.parameter(), e.getMessage());
        }
    }

    /** The block index of an output, which its writer sends before the output itself. */
    @PUT
    @Path("/{key: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putIndex(@PathParam("key") String key, BlockIndex index) {
        ObjectKeyRules.check(key);
        if (!key.endsWith(BlockIndex.SUFFIX) || index == null || index.version() != BlockIndex.VERSION) {
            throw new InvalidRequestException("key", "a JSON body is the block index of an output: PUT it at the output's key followed by "
                    + BlockIndex.SUFFIX + ", with version " + BlockIndex.VERSION);
        }
        store.putIndex(key.substring(0, key.length() - BlockIndex.SUFFIX.length()), index);
        return Response.noContent().build();
    }
}
