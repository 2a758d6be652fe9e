package dev.spool.storage.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.contracts.PresignedUrl;
import dev.spool.contracts.StoredObject;
import dev.spool.contracts.blocked.BlockIndex;
import dev.spool.storage.config.StorageConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The gzipped outputs in the bucket: written and read as streams, never held whole in memory. */
@ApplicationScoped
public class OutputStore {

    public static final String GZIP = StoredObject.GZIP;
    /** User metadata holding the SHA-256 of the original bytes, as the writer computed it while capturing. */
    static final String SHA256_METADATA = "sha256";
    private static final ObjectMapper INDEX_JSON = new ObjectMapper();

    private final MinioClient minio;
    private final MinioClient signer;
    private final StorageConfig config;
    private final MeterRegistry metrics;
    private final TransferMetrics transfers;

    public OutputStore(MinioClient minio, StorageConfig config, MeterRegistry metrics, TransferMetrics transfers) {
        this.minio = minio;
        this.transfers = transfers;
        this.config = config;
        this.metrics = metrics;
        // Signing is offline, and a signature covers the host: links for clients outside are signed for their address.
        this.signer = config.publicEndpoint().map(endpoint -> MinioClient.builder().endpoint(endpoint)
                .credentials(config.accessKey(), config.secretKey()).region(config.region()).build()).orElse(minio);
    }

    public String bucket() {
        return config.bucket();
    }

    public boolean bucketExists() {
        try {
            return minio.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build());
        } catch (Exception e) {
            throw new StorageUnavailableException("object storage at " + config.endpoint() + " did not answer: " + e.getMessage(), e);
        }
    }

    public void ensureBucket() {
        if (!bucketExists()) {
            try {
                minio.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).region(config.region()).build());
            } catch (Exception e) {
                throw new StorageUnavailableException("cannot create bucket " + config.bucket() + ": " + e.getMessage(), e);
            }
        }
    }

    /** What the writer declares of an upload: kept as the object's metadata, and its checksum verified. */
    public record Upload(String contentType, String sha256, String objectSha256, Long originalBytes, Long lines) {
    }

    /**
     * Streams the body to the bucket while it computes the SHA-256 of what passes. When the writer declared the
     * object's checksum and the bytes differ (damaged on the way), the object is removed again and the upload refused,
     * so that the writer sends it again; nothing damaged stays stored.
     *
     * <p>While most of the last uploads failed on the bucket's side, uploads are refused at once for a few seconds
     * ({@code CircuitBreakerOpenException}, answered 503 with {@code Retry-After}): a writer learns the bucket is away
     * without holding a request thread for a timeout, and the first upload after the pause tries the bucket again.
     *
     * @param size the body's length, or -1 when unknown (then it is sent in parts of the configured size)
     */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS, successThreshold = 1,
            failOn = StorageUnavailableException.class)
    public StoredObject put(String key, InputStream body, long size, Upload upload) {
        MessageDigest digest = sha256();
        long started = System.nanoTime();
        try {
            ObjectWriteResponse response = minio.putObject(PutObjectArgs.builder()
                    .bucket(config.bucket())
                    .object(key)
                    .contentType(upload.contentType())
                    .userMetadata(metadata(key, upload))
                    .stream(new DigestInputStream(new ClientBody(body), digest), size, size >= 0 ? -1 : config.partSizeBytes())
                    .build());
            String received = HexFormat.of().formatHex(digest.digest());
            if (upload.objectSha256() != null && !upload.objectSha256().equalsIgnoreCase(received)) {
                delete(List.of(key));
                metrics.counter("spool.storage.uploads.damaged").increment();
                throw new ChecksumMismatchException(key, upload.objectSha256(), received);
            }
            StoredObject stored = stat(response.object());
            transfers.uploaded(stored.sizeBytes(), System.nanoTime() - started, GZIP.equals(upload.contentType()) ? upload.originalBytes() : null);
            metrics.counter("spool.storage.objects.stored").increment();
            metrics.counter("spool.storage.bytes.stored").increment(stored.sizeBytes());
            if (upload.originalBytes() != null) {
                metrics.counter("spool.storage.original.bytes.stored").increment(upload.originalBytes());
            }
            return stored;
        } catch (ObjectNotFoundException | StorageUnavailableException | ChecksumMismatchException e) {
            throw e;
        } catch (Exception e) {
            ClientBody.ReadFailure writerSide = ClientBody.causeIn(e);
            if (writerSide != null) {
                metrics.counter("spool.storage.uploads.interrupted").increment();
                throw new UploadInterruptedException(key, writerSide.getCause());
            }
            throw new StorageUnavailableException("cannot store " + key + ": " + e.getMessage(), e);
        }
    }

    /** The object's metadata: its checksums, sizes, and the run, task and attempt its key names. */
    private static Map<String, String> metadata(String key, Upload upload) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (upload.sha256() != null) {
            metadata.put(SHA256_METADATA, upload.sha256());
        }
        if (upload.objectSha256() != null) {
            metadata.put("object-sha256", upload.objectSha256());
        }
        if (upload.originalBytes() != null) {
            metadata.put("original-bytes", Long.toString(upload.originalBytes()));
        }
        if (upload.lines() != null) {
            metadata.put("lines", Long.toString(upload.lines()));
        }
        String[] parts = key.split("/");
        if (parts.length >= 5 && parts[0].equals("runs")) {
            metadata.put("run", parts[1]);
            metadata.put("task", parts[2]);
            metadata.put("attempt", parts[3]);
        }
        return metadata;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public StoredObject stat(String key) {
        try {
            StatObjectResponse stat = minio.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key).build());
            return new StoredObject(key, stat.size(), stat.contentType(), stat.userMetadata().get(SHA256_METADATA));
        } catch (Exception e) {
            throw readFailure(key, e);
        }
    }

    /** Deletes every object under the prefix, such as a run's outputs; returns how many there were. */
    public int deletePrefix(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder()
                    .bucket(config.bucket()).prefix(prefix).recursive(true).build())) {
                keys.add(item.get().objectName());
            }
        } catch (Exception e) {
            throw new StorageUnavailableException("cannot list the objects under " + prefix + ": " + e.getMessage(), e);
        }
        return delete(keys);
    }

    /** An object as a listing shows it. */
    public record Listed(String key, long sizeBytes, Instant lastModified) {
    }

    /**
     * Every object under the prefix, in key order, after {@code startAfter} (null: from the first). The listing is
     * read a page at a time as it is consumed, so a bucket of millions is never held.
     */
    public Iterable<Listed> list(String prefix, String startAfter) {
        ListObjectsArgs.Builder args = ListObjectsArgs.builder().bucket(config.bucket()).prefix(prefix).recursive(true);
        if (startAfter != null) {
            args.startAfter(startAfter);
        }
        Iterable<Result<Item>> items = minio.listObjects(args.build());
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<Result<Item>> inner = items.iterator();

            @Override
            public boolean hasNext() {
                try {
                    return inner.hasNext();
                } catch (RuntimeException e) {
                    throw new StorageUnavailableException("cannot list the objects under " + prefix + ": " + e.getMessage(), e);
                }
            }

            @Override
            public Listed next() {
                try {
                    Item item = inner.next().get();
                    return new Listed(item.objectName(), item.size(), item.lastModified().toInstant());
                } catch (Exception e) {
                    throw new StorageUnavailableException("cannot list the objects under " + prefix + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** A link to download the object straight from the bucket, valid for {@code seconds}. */
    public PresignedUrl presignedDownload(String key, int seconds) {
        stat(key);
        try {
            Instant expires = Instant.now().plusSeconds(seconds);
            String url = signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET).bucket(config.bucket())
                    .object(key).expiry(seconds).build());
            metrics.counter("spool.storage.downloads.presigned").increment();
            return new PresignedUrl(url, expires);
        } catch (Exception e) {
            throw new StorageUnavailableException("cannot sign a download of " + key + ": " + e.getMessage(), e);
        }
    }

    /** Keeps an output's block index beside it, where {@link #index} finds it. */
    public void putIndex(String key, BlockIndex index) {
        try {
            byte[] json = INDEX_JSON.writeValueAsBytes(index);
            minio.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(BlockIndex.keyFor(key))
                    .contentType(MediaType.APPLICATION_JSON).stream(new ByteArrayInputStream(json), json.length, -1).build());
        } catch (Exception e) {
            throw new StorageUnavailableException("cannot store the index of " + key + ": " + e.getMessage(), e);
        }
    }

    /** The output's block index; empty for an object stored before outputs had one (one gzip member, read whole). */
    public Optional<BlockIndex> index(String key) {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(config.bucket()).object(BlockIndex.keyFor(key)).build())) {
            return Optional.of(INDEX_JSON.readValue(in, BlockIndex.class));
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw readFailure(key, e);
        } catch (Exception e) {
            throw readFailure(key, e);
        }
    }

    /**
     * Deletes these objects, and the index beside each; a key with no object counts as deleted, and only the
     * objects asked for are counted.
     */
    public int delete(List<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        try {
            List<DeleteObject> objects = keys.stream()
                    .flatMap(key -> key.endsWith(BlockIndex.SUFFIX) ? Stream.of(key) : Stream.of(key, BlockIndex.keyFor(key)))
                    .distinct().map(DeleteObject::new).toList();
            for (Result<DeleteError> error : minio.removeObjects(RemoveObjectsArgs.builder()
                    .bucket(config.bucket()).objects(objects).build())) {
                DeleteError failed = error.get();
                throw new StorageUnavailableException("cannot delete " + failed.objectName() + ": " + failed.message(), null);
            }
            metrics.counter("spool.storage.objects.deleted").increment(keys.size());
            return keys.size();
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageUnavailableException("cannot delete " + keys.size() + " objects: " + e.getMessage(), e);
        }
    }

    /** The stored bytes {@code [offset, offset + length)}, with one ranged GET; the caller closes the stream. */
    public InputStream open(String key, long offset, long length) {
        try {
            InputStream slice = minio.getObject(GetObjectArgs.builder().bucket(config.bucket()).object(key).offset(offset).length(length).build());
            metrics.counter("spool.storage.ranged.reads").increment();
            metrics.counter("spool.storage.ranged.read.bytes").increment(length);
            return slice;
        } catch (Exception e) {
            throw readFailure(key, e);
        }
    }

    /** The stored bytes, gzipped or not as they were put; the caller closes the stream. */
    public InputStream open(String key) {
        try {
            return minio.getObject(GetObjectArgs.builder().bucket(config.bucket()).object(key).build());
        } catch (Exception e) {
            throw readFailure(key, e);
        }
    }

    private static RuntimeException readFailure(String key, Exception e) {
        if (e instanceof ErrorResponseException response && isMissing(response)) {
            return new ObjectNotFoundException(key);
        }
        return new StorageUnavailableException("cannot read " + key + ": " + e.getMessage(), e);
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code);
    }
}
