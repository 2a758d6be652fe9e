import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Authorization header the benchmarks send the gateway: SPOOL_TOKEN, or the local stack's admin token. */
final class GatewayToken {

    private GatewayToken() {
    }

    static String authorization() {
        String token = System.getenv("SPOOL_TOKEN");
        if (token == null || token.isBlank()) {
            Path file = Path.of(System.getenv().getOrDefault("SPOOL_STACK_DIR", ".spool"), "admin-token");
            try {
                token = Files.readString(file).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("no token for the gateway: set SPOOL_TOKEN, or start the local stack, which writes " + file, e);
            }
        }
        return "Bearer " + token;
    }
}
