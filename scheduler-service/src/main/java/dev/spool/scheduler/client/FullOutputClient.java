package dev.spool.scheduler.client;

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
 * Opens a stored full output on the storage-service as a stream. The gateway passes the bytes on as they
 * arrive, with back-pressure, so a download of any size holds only a few buffers here.
 */
@ApplicationScoped
public class FullOutputClient {

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
}
