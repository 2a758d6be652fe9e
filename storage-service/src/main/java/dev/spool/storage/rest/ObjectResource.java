package dev.spool.storage.rest;

import dev.spool.contracts.ObjectDeletionRequest;
import dev.spool.contracts.PresignedUrl;
import dev.spool.contracts.StorageHeaders;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;
import dev.spool.storage.service.OutputReads;
import dev.spool.storage.service.OutputStore;
import dev.spool.storage.service.StoredDownloads;
import dev.spool.storage.service.TransferMetrics;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
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

    private static final java.util.regex.Pattern SHA256_HEX = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

    private final OutputStore store;
    private final OutputReads reads;
    private final StoredDownloads downloads;
    private final TransferMetrics transfers;

    public ObjectResource(OutputStore store, OutputReads reads, StoredDownloads downloads, TransferMetrics transfers) {
        this.reads = reads;
        this.store = store;
        this.downloads = downloads;
        this.transfers = transfers;
    }

    /**
     * Stores an output as it streams in. The writer's declared checksums and sizes become the object's metadata;
     * an upload whose bytes differ from {@code X-Spool-Object-Sha256} is refused (422) and not kept.
     */
    @PUT
    @Path("/{key: .+}")
    @Consumes({OutputStore.GZIP, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public StoredObject put(@PathParam("key") String key, @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long length,
                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                            @HeaderParam(StorageHeaders.SHA256) String sha256, @HeaderParam(StorageHeaders.OBJECT_SHA256) String objectSha256,
                            @HeaderParam(StorageHeaders.ORIGINAL_BYTES) String originalBytes, @HeaderParam(StorageHeaders.LINES) String lines,
                            InputStream body, @Context RoutingContext routing) {
        try {
            ObjectKeyRules.check(key);
            String type = contentType != null && contentType.startsWith(OutputStore.GZIP) ? OutputStore.GZIP : MediaType.APPLICATION_OCTET_STREAM;
            return store.put(key, body, length, new OutputStore.Upload(type, checksum(StorageHeaders.SHA256, sha256),
                    checksum(StorageHeaders.OBJECT_SHA256, objectSha256), count(StorageHeaders.ORIGINAL_BYTES, originalBytes),
                    count(StorageHeaders.LINES, lines)));
        } catch (RuntimeException refused) {
            UnreadBodies.discard(routing);
            throw refused;
        }
    }

    private static String checksum(String header, String value) {
        if (value != null && !SHA256_HEX.matcher(value).matches()) {
            throw new InvalidRequestException(header, header + " must be a SHA-256 in hex: 64 characters of 0-9 and a-f");
        }
        return value;
    }

    private static Long count(String header, String value) {
        if (value == null) {
            return null;
        }
        try {
            long count = Long.parseLong(value.strip());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new InvalidRequestException(header, header + " must be a whole number of 0 or more");
    }

    /** A time-limited link to download the object straight from the bucket: {@code expires_in} seconds, 15 minutes unless given. */
    @jakarta.ws.rs.POST
    @Path("/presign/{key: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    public PresignedUrl presign(@PathParam("key") String key, @QueryParam("expires_in") String expiresIn) {
        ObjectKeyRules.check(key);
        return store.presignedDownload(key, RequestParams.integer("expires_in", expiresIn, PresignedUrl.DEFAULT_SECONDS, 1,
                PresignedUrl.MAX_SECONDS));
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
    public ObjectDeletionRequest.Deleted deleteRun(@PathParam("runId") String runId) {
        return new ObjectDeletionRequest.Deleted(store.deletePrefix(dev.spool.contracts.ObjectKeys.runPrefix(RequestParams.uuid("runId", runId))));
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
            StoredDownloads.Download download = downloads.open(key);
            return Response.ok(download, download.object().contentType()).header(StorageHeaders.SHA256, download.object().sha256()).build();
        }
        OutputReads.Read read = reads.read(key, selection(tailLines, headLines, range));
        StreamingOutput body = out -> {
            try (var counted = transfers.download(out, "text")) {
                read.body().writeTo(counted);
            }
        };
        Response.ResponseBuilder answer = Response.status(read.range() == null ? 200 : 206).entity(body)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).header(StorageHeaders.SHA256, read.object().sha256())
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
