package dev.spool.storage.service;

import dev.spool.contracts.StoredObject;
import dev.spool.storage.config.StorageConfig;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads of objects as they are stored, passed from the bucket to the client by the event loop: the bucket's
 * answer is opened with a link the S3 SDK signs (offline), and its buffers are written to the client as they arrive,
 * paused while the client is slower. No thread copies the bytes and none waits on a socket; what remains of the cost
 * is the hop itself (see bench/README.md).
 *
 * <p>Reads of the original text ({@code decompress=true}) stay on the S3 SDK's streams: they decode and check each
 * block, which is blocking work.
 */
@ApplicationScoped
public class StoredDownloads {

    /** Long enough for the request to reach the bucket; the link is used once, at once. */
    private static final int LINK_SECONDS = 60;
    /** The writer's checksum, as the bucket answers the user metadata {@link OutputStore} stores it in. */
    private static final String SHA256_HEADER = "x-amz-meta-" + OutputStore.SHA256_METADATA;
    private static final java.util.regex.Pattern ERROR_CODE = java.util.regex.Pattern.compile("<Code>([A-Za-z.]{1,64})</Code>");

    private final MinioClient minio;
    private final StorageConfig config;
    private final Vertx vertx;
    private final HttpClient http;

    public StoredDownloads(MinioClient minio, StorageConfig config, Vertx vertx) {
        this.minio = minio;
        this.config = config;
        this.vertx = vertx;
        // The idle timeout is the stall timeout: a bucket that sends nothing for this long fails the download. No
        // connection is kept for the next download: one is made on the event loop of the request it serves, so that
        // the bucket's bytes are read and written on by the same thread (a kept one would often sit on another loop,
        // and every buffer would cross threads).
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) Math.max(1, config.ioTimeout().toSeconds())).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxPoolSize(config.downloadConnections())
                .setKeepAlive(false));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** An object's answer from the bucket, paused until it is piped to the client on {@code context}. */
    public record Download(StoredObject object, HttpClientResponse body, Context context) {
    }

    /**
     * Opens the object. Called on the request's thread, so that the bucket's answer is handled by the event loop of
     * the client's connection; it waits for the bucket's status and headers, not for the body.
     *
     * @throws ObjectNotFoundException when there is no such object
     * @throws StorageUnavailableException when the bucket cannot be reached or refuses
     */
    public Download open(String key) {
        String link = link(key);
        Promise<Download> opened = Promise.promise();
        Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        context.runOnContext(ignored -> http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(link))
                .compose(request -> request.send())
                .compose(response -> answered(key, response, context))
                .onComplete(opened));
        try {
            return opened.future().toCompletionStage().toCompletableFuture()
                    .get(config.connectTimeout().plus(config.ioTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new StorageUnavailableException("cannot read " + key + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StorageUnavailableException("cannot read " + key + ": the bucket did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("cannot read " + key + ": interrupted", e);
        }
    }

    private Future<Download> answered(String key, HttpClientResponse response, Context context) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (response.statusCode() == 200 && length != null && length.chars().allMatch(Character::isDigit)) {
            response.pause();
            String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
            return Future.succeededFuture(new Download(new StoredObject(key, Long.parseLong(length), type, response.getHeader(SHA256_HEADER)),
                    response, context));
        }
        if (response.statusCode() == 200) {
            response.request().reset();
            return Future.failedFuture(new StorageUnavailableException("cannot read " + key + ": the bucket answered without a length", null));
        }
        // The refusal's body is a short XML error, read for its code.
        return response.body().transform(body -> Future.failedFuture(response.statusCode() == 404
                ? new ObjectNotFoundException(key)
                : new StorageUnavailableException("cannot read " + key + ": the bucket answered " + response.statusCode()
                        + (body.succeeded() ? errorCode(body.result().toString()) : ""), null)));
    }

    /** The S3 error's code, such as {@code AccessDenied}, from the XML body of a refusal. */
    private static String errorCode(String xml) {
        java.util.regex.Matcher code = ERROR_CODE.matcher(xml);
        return code.find() ? " " + code.group(1) : "";
    }

    private String link(String key) {
        try {
            return minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET).bucket(config.bucket())
                    .object(key).expiry(LINK_SECONDS).build());
        } catch (Exception e) {
            throw new StorageUnavailableException("cannot sign a read of " + key + ": " + e.getMessage(), e);
        }
    }
}
