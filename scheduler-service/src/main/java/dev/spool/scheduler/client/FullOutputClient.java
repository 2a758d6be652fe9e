package dev.spool.scheduler.client;

import dev.spool.support.rest.InternalCredential;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.contracts.PresignedUrl;
import dev.spool.contracts.storage.StorageUsage;
import dev.spool.contracts.blocked.TextSelection;
import dev.spool.scheduler.config.SchedulerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The storage-service as the gateway reaches it: a stored full output opened as a stream, and presigned links to
 * one. The gateway passes the bytes on as they arrive, with back-pressure, so a download of any size holds only a
 * few buffers here.
 */
@ApplicationScoped
public class FullOutputClient {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** Stored outputs streamed through one gateway replica at once; the storage-service bounds its own side. */
    static final int MAX_DOWNLOADS = 256;

    private final HttpClient http;
    private final URI base;

    public FullOutputClient(Vertx vertx, SchedulerConfig config) {
        this.base = config.storageUrl();
        // A download holds its connection for as long as it streams: sized for many at once, not Vert.x's default of 5.
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(MAX_DOWNLOADS)
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : 80));
    }

    /**
     * The original text of a stored output, or the part of it the selection names (a range answers 206). The
     * storage-service's refusals fail the stream: {@link ObjectMissingException} when the object is not in the bucket,
     * a {@code WebApplicationException} with its message and {@code Content-Range} for another 4xx (a range outside
     * the output), an {@link UpstreamException} for anything else.
     */
    public Uni<HttpClientResponse> open(String objectKey, TextSelection selection) {
        StringBuilder path = new StringBuilder(base.getPath().replaceAll("/$", "")).append("/api/v1/objects/").append(objectKey)
                .append("?decompress=true");
        RequestOptions request = request(HttpMethod.GET, "text/plain");
        switch (selection) {
            case TextSelection.TailLines tail -> path.append("&tail_lines=").append(tail.lines());
            case TextSelection.HeadLines head -> path.append("&head_lines=").append(head.lines());
            case TextSelection.Bytes bytes -> request.putHeader("Range", bytes.header());
            case TextSelection.Whole whole -> { }
        }
        return http.request(request.setURI(path.toString())).chain(HttpClientRequest::send).chain(response ->
                response.statusCode() == 200 || response.statusCode() == 206
                        ? Uni.createFrom().item(response)
                        : response.body().chain(body -> Uni.createFrom().failure(refusal(objectKey, response, body))));
    }

    /** A link straight to the object in the bucket; refused as {@link #open} is. */
    public Uni<PresignedUrl> presign(String objectKey, Integer expiresIn) {
        String path = base.getPath().replaceAll("/$", "") + "/api/v1/objects/presign/" + objectKey
                + (expiresIn == null ? "" : "?expires_in=" + expiresIn);
        RequestOptions request = request(HttpMethod.POST, "application/json").setURI(path);
        return http.request(request).chain(HttpClientRequest::send).chain(response -> response.body().chain(body -> {
            if (response.statusCode() != 200) {
                return Uni.createFrom().failure(refusal(objectKey, response, body));
            }
            try {
                return Uni.createFrom().item(JSON.readValue(body.getBytes(), PresignedUrl.class));
            } catch (java.io.IOException e) {
                return Uni.createFrom().failure(new UpstreamException("the storage-service answered a presign request with no readable link"));
            }
        }));
    }

    /** The bucket as the storage-service sees it: its lifecycle rule and the sweeper's last pass. */
    public Uni<StorageUsage.Bucket> bucket() {
        RequestOptions request = request(HttpMethod.GET, "application/json")
                .setURI(base.getPath().replaceAll("/$", "") + "/api/v1/storage/bucket");
        return http.request(request).chain(HttpClientRequest::send).chain(response -> response.body().chain(body -> {
            if (response.statusCode() != 200) {
                return Uni.createFrom().failure(new UpstreamException("the storage-service answered " + response.statusCode()
                        + " for its bucket: " + message(body)));
            }
            try {
                return Uni.createFrom().item(JSON.readValue(body.getBytes(), StorageUsage.Bucket.class));
            } catch (java.io.IOException e) {
                return Uni.createFrom().failure(new UpstreamException("the storage-service described its bucket in a form the gateway cannot read"));
            }
        }));
    }

    /**
     * A request to the storage-service, with the services' shared credential. Explicit headers also because the tracer
     * that propagates the trace context fails on a request that has none.
     */
    private static RequestOptions request(HttpMethod method, String accept) {
        return new RequestOptions().setMethod(method).putHeader("Accept", accept).putHeader(InternalCredential.HEADER, InternalCredential.configured());
    }

    /** What the storage-service's answer other than success means for the gateway's caller. */
    private static RuntimeException refusal(String objectKey, HttpClientResponse response, Buffer body) {
        int status = response.statusCode();
        if (status == 404) {
            return new ObjectMissingException(objectKey);
        }
        if (status >= 400 && status < 500) {
            Response.ResponseBuilder answer = Response.status(status);
            if (response.getHeader("Content-Range") != null) {
                answer.header("Content-Range", response.getHeader("Content-Range"));
            }
            return new WebApplicationException(message(body), answer.build());
        }
        return new UpstreamException("object storage answered " + status + " for " + objectKey + ": " + message(body));
    }

    private static String message(Buffer errorJson) {
        try {
            return JSON.readTree(errorJson.getBytes()).path("message").asText("the storage-service refused the request");
        } catch (java.io.IOException e) {
            return "the storage-service refused the request";
        }
    }
}
