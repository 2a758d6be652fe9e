package dev.spool.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.config.Target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gateway's HTTP API, as the CLI calls it. Every failure becomes a {@link CliException} that says what happened
 * and what to do: the gateway's own error JSON where it answered, its address where it could not be reached.
 */
public final class Gateway {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private final Target target;
    private final ObjectMapper json = new ObjectMapper();

    /*
     * HttpURLConnection rather than java.net.http: a command lives for one or two requests, and the newer client
     * sets up TLS whether it is used or not, a quarter of a second at every start. Connections are kept alive
     * between the requests of one command all the same.
     */
    public Gateway(Target target) {
        this.target = target;
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
        return readJson(exchange("GET", path, null, null, Map.of(), false), "GET", path);
    }

    public JsonNode post(String path) {
        return readJson(exchange("POST", path, new byte[0], null, Map.of(), false), "POST", path);
    }

    public JsonNode post(String path, byte[] body, String contentType) {
        return readJson(exchange("POST", path, body, contentType, Map.of(), false), "POST", path);
    }

    /**
     * A streamed answer (output, logs): its body, the caller's to read and close. Errors are read and thrown as for
     * JSON. {@code live} requests have no read timeout: they last as long as the task prints.
     */
    public InputStream stream(String path, Map<String, String> headers, boolean live) {
        HttpURLConnection connection = exchange("GET", path, null, null, headers, live);
        try {
            return connection.getInputStream();
        } catch (IOException e) {
            throw broken(e);
        }
    }

    private HttpURLConnection exchange(String method, String path, byte[] body, String contentType, Map<String, String> headers, boolean live) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(target.gateway() + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(live ? 0 : READ_TIMEOUT_MILLIS);
            connection.setRequestProperty("Accept", "application/json, text/plain;q=0.9");
            connection.setRequestProperty("User-Agent", "spool-cli");
            if (target.hasToken()) {
                connection.setRequestProperty("Authorization", "Bearer " + target.token());
            }
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                if (contentType != null) {
                    connection.setRequestProperty("Content-Type", contentType);
                }
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            if (status >= 300) {
                throw ApiErrors.of(target, status, errorBody(connection), json);
            }
            return connection;
        } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
            throw unreachable();
        } catch (SocketTimeoutException e) {
            throw e.getMessage() != null && e.getMessage().contains("connect") ? unreachable() : broken(e);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    private static String errorBody(HttpURLConnection connection) {
        try (InputStream in = connection.getErrorStream()) {
            return in == null ? "" : new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private CliException broken(IOException e) {
        return new CliException(ExitCode.UNREACHABLE, "gateway_unreachable", "the connection to the gateway at " + target.gateway()
                + " broke (" + (e.getMessage() == null ? "closed" : e.getMessage()) + "); try again, and check that the gateway is up");
    }

    private CliException unreachable() {
        return new CliException(ExitCode.UNREACHABLE, "gateway_unreachable", "cannot reach the Spool gateway at " + target.gateway()
                + " (from " + target.gatewaySource() + "). Start the local stack with deploy/local/stack up, or point --gateway, "
                + "SPOOL_GATEWAY or a context (spool config set-context) at your gateway.");
    }

    private JsonNode readJson(HttpURLConnection connection, String method, String path) {
        String body;
        try (InputStream in = connection.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw broken(e);
        }
        if (body.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new CliException(ExitCode.REFUSED, "unexpected_answer", "the gateway at " + target.gateway()
                    + " answered " + method + " " + URI.create(path).getPath() + " with something that is not JSON; is that address a Spool gateway?");
        }
    }
}
