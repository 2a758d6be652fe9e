package dev.spool.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.config.Target;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gateway's HTTP API, as the CLI calls it. Every failure becomes a {@link CliException} that says what happened
 * and what to do: the gateway's own error JSON where it answered, its address where it could not be reached.
 */
public final class Gateway {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Target target;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public Gateway(Target target) {
        this.target = target;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public Target target() {
        return target;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A path with its query: parameters whose value is null are left out, the others encoded. */
    public static String path(String path, Map<String, ?> query) {
        String encoded = query.entrySet().stream().filter(entry -> entry.getValue() != null)
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(String.valueOf(entry.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return encoded.isEmpty() ? path : path + "?" + encoded;
    }

    public static Map<String, Object> query(Object... pairs) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put((String) pairs[i], pairs[i + 1]);
        }
        return query;
    }

    /** A run id or task id as a path segment: encoded, so that whatever a user typed reaches the gateway's own check. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode get(String path) {
        return readJson(send(request(path).GET().build()));
    }

    public JsonNode post(String path) {
        return readJson(send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    public JsonNode post(String path, byte[] body, String contentType) {
        return readJson(send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
    }

    /**
     * A streamed answer (output, logs). Errors are read and thrown as for JSON; a 2xx answer is the caller's to read
     * and close. {@code live} requests have no overall timeout: they last as long as the task prints.
     */
    public HttpResponse<InputStream> stream(String path, Map<String, String> headers, boolean live) {
        HttpRequest.Builder builder = request(path).GET();
        if (live) {
            builder.timeout(Duration.ofDays(7));
        }
        headers.forEach(builder::header);
        HttpResponse<InputStream> response = exchange(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw ApiErrors.of(target, response.statusCode(), body, json);
        }
        return response;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target.gateway() + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, text/plain;q=0.9")
                .header("User-Agent", "spool-cli");
        if (target.hasToken()) {
            builder.header("Authorization", "Bearer " + target.token());
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw ApiErrors.of(target, response.statusCode(), response.body(), json);
        }
        return response;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw unreachable();
        } catch (InterruptedIOException | InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted", "interrupted while waiting for the gateway at " + target.gateway());
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
                throw unreachable();
            }
            throw new CliException(ExitCode.UNREACHABLE, "gateway_unreachable", "the connection to the gateway at " + target.gateway()
                    + " broke (" + (e.getMessage() == null ? "closed" : e.getMessage()) + "); try again, and check that the gateway is up");
        }
    }

    private CliException unreachable() {
        return new CliException(ExitCode.UNREACHABLE, "gateway_unreachable", "cannot reach the Spool gateway at " + target.gateway()
                + " (from " + target.gatewaySource() + "). Start the local stack with deploy/local/stack up, or point --gateway, "
                + "SPOOL_GATEWAY or a context (spool config set-context) at your gateway.");
    }

    private JsonNode readJson(HttpResponse<String> response) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new CliException(ExitCode.REFUSED, "unexpected_answer", "the gateway at " + target.gateway()
                    + " answered " + request(response) + " with something that is not JSON; is that address a Spool gateway?");
        }
    }

    private static String request(HttpResponse<?> response) {
        return response.request().method() + " " + response.request().uri().getPath();
    }
}
