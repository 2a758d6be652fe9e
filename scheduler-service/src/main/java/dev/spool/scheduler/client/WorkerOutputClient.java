package dev.spool.scheduler.client;

import dev.spool.support.rest.InternalCredential;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The worker running an attempt, reached at the address it announces, for its live output. The answer is passed on as
 * it arrives, with back-pressure; a follower that stalls stalls only its own stream, since the worker drops what its
 * queue has no room for.
 */
@ApplicationScoped
public class WorkerOutputClient {

    private final HttpClient http;

    /** Followers of one worker's attempts at once, through one gateway replica. */
    static final int MAX_FOLLOWERS_PER_WORKER = 1024;

    public WorkerOutputClient(Vertx vertx) {
        // No idle timeout: a task may print nothing for a long while and still be followed. Each follower holds its
        // connection to the worker for as long as it follows, so the pool is sized for followers, not for requests:
        // with Vert.x's default of 5, a sixth follower waited for another's task to end and then found its stream over.
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000).setIdleTimeout(0).setMaxPoolSize(MAX_FOLLOWERS_PER_WORKER));
    }

    /** The live stream, or a failure when the worker does not have the attempt (404) or cannot be reached. */
    public Uni<HttpClientResponse> follow(String address, UUID attemptId, String stream, Integer tailLines) {
        String uri = address.replaceAll("/$", "") + "/api/v1/attempts/" + attemptId + "/output?stream=" + stream
                + (tailLines == null ? "" : "&tail_lines=" + tailLines);
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri).putHeader("Accept", "text/plain")
                .putHeader(InternalCredential.HEADER, InternalCredential.configured());
        return http.request(request).chain(HttpClientRequest::send).chain(response -> response.statusCode() == 200
                ? Uni.createFrom().item(response)
                : response.body().chain(body -> Uni.createFrom().failure(new AttemptNotOnWorkerException(attemptId, response.statusCode()))));
    }

    /** The worker answered that it does not run the attempt (it just ended, or was given to another worker). */
    public static final class AttemptNotOnWorkerException extends RuntimeException {
        public AttemptNotOnWorkerException(UUID attemptId, int status) {
            super("the worker answered " + status + " for attempt " + attemptId);
        }
    }
}
