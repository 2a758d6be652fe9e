package dev.spool.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers fixed bodies on loopback, for the unit tests of what each command prints from the gateway's documents.
 * The end-to-end tests run the same commands against the real gateway.
 */
public final class CannedGateway implements AutoCloseable {

    public record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();

    public CannedGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            requests.add(key);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Answer answer = answers.get(key);
            if (answer == null) {
                String path = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
                answer = answers.getOrDefault(path, new Answer(404, "application/json",
                        "{\"error\":\"not_found\",\"message\":\"nothing canned for " + key + "\"}"));
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** @param request a method and path, with the query to match it exactly, or without it to match any */
    public CannedGateway answer(String request, int status, String body) {
        answers.put(request, new Answer(status, body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain", body));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
