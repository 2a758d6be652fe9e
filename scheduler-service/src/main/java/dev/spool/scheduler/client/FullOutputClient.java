package dev.spool.scheduler.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.contracts.PresignedUrl;
import dev.spool.scheduler.config.SchedulerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * The storage-service as the gateway reaches it: a stored full output opened as a stream, and presigned links to
 * one. The gateway passes the bytes on as they arrive, with back-pressure, so a download of any size holds only a
 * few buffers here.
 */
@ApplicationScoped
public class FullOutputClient {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient http;
    private final URI base;

    public FullOutputClient(Vertx vertx, SchedulerConfig config) {
        this.base = config.storageUrl();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : 80));
    }

    /**
     * @param tailLines a count, or null
     * @param headLines a count, or null
     * @param range     a {@code Range} header over the original text, or null
     */
    public Uni<HttpClientResponse> open(String objectKey, Integer tailLines, Integer headLines, String range) {
        String path = base.getPath().replaceAll("/$", "") + "/api/v1/objects/" + objectKey + "?decompress=true"
                + (tailLines == null ? "" : "&tail_lines=" + tailLines) + (headLines == null ? "" : "&head_lines=" + headLines);
        // Explicit headers: the tracer that propagates the trace context fails on a request that has none.
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setURI(path).putHeader("Accept", "text/plain");
        if (range != null) {
            request.putHeader("Range", range);
        }
        return http.request(request).chain(HttpClientRequest::send);
    }

    /**
     * A link straight to the object in the bucket. The storage-service's answers about the request (a 4xx) fail as a
     * {@code WebApplicationException} with its message; anything else as an upstream failure.
     */
    public Uni<PresignedUrl> presign(String objectKey, Integer expiresIn) {
        String path = base.getPath().replaceAll("/$", "") + "/api/v1/objects/presign/" + objectKey
                + (expiresIn == null ? "" : "?expires_in=" + expiresIn);
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI(path).putHeader("Accept", "application/json");
        return http.request(request).chain(HttpClientRequest::send).chain(response -> response.body().map(body -> {
            try {
                if (response.statusCode() == 200) {
                    return JSON.readValue(body.getBytes(), PresignedUrl.class);
                }
                String message = JSON.readTree(body.getBytes()).path("message").asText("the storage-service refused the link");
                if (response.statusCode() >= 400 && response.statusCode() < 500) {
                    throw new jakarta.ws.rs.WebApplicationException(message, response.statusCode());
                }
                throw new dev.spool.scheduler.rest.UpstreamException("the storage-service could not sign a download: " + message);
            } catch (java.io.IOException e) {
                throw new dev.spool.scheduler.rest.UpstreamException("the storage-service answered " + response.statusCode()
                        + " to a presign request with no readable body");
            }
        }));
    }
}
