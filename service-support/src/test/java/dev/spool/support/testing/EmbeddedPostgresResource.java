package dev.spool.support.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A real PostgreSQL for a service's {@code @QuarkusTest}s, from the same binaries as the local stack's, on a free port.
 * Kafka and the other services are not needed there: those tests drive the service's own layer; the end-to-end tests
 * prove the whole. Shared with the services as this module's test jar.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "50").start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start for the service's tests", e);
        }
        int port = postgres.getPort();
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
