package dev.spool.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state-service's {@code POST /api/v1/objects/referenced}, answered from a set the test fills, for the
 * storage-service's own tests of its sweeper. The end-to-end tests run the sweeper against the real state-service.
 */
public class StateServiceStub implements QuarkusTestResourceLifecycleManager {

    static final Set<String> REFERENCED = ConcurrentHashMap.newKeySet();
    static final AtomicBoolean DOWN = new AtomicBoolean();
    /** The largest number of keys one request asked about. */
    static final AtomicInteger LARGEST_QUESTION = new AtomicInteger();

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/objects/referenced", exchange -> {
            if (DOWN.get()) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            ArrayNode keys = (ArrayNode) JSON.readTree(exchange.getRequestBody()).get("keys");
            LARGEST_QUESTION.accumulateAndGet(keys.size(), Math::max);
            ArrayNode wanted = JSON.createArrayNode();
            keys.forEach(key -> {
                if (REFERENCED.contains(key.asText())) {
                    wanted.add(key.asText());
                }
            });
            byte[] body = JSON.writeValueAsBytes(Map.of("keys", wanted));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Map.of("quarkus.rest-client.state-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
