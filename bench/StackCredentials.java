import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the benchmarks show Spool: the gateway's Authorization header (SPOOL_TOKEN, or the local stack's admin token),
 * and, for the calls straight to the state and storage services, the services' shared credential (SPOOL_INTERNAL_TOKEN,
 * or the local stack's).
 */
final class StackCredentials {

    static final String INTERNAL_HEADER = "X-Spool-Internal-Token";

    private StackCredentials() {
    }

    static String authorization() {
        return "Bearer " + secret("SPOOL_TOKEN", "admin-token");
    }

    static String internalToken() {
        return secret("SPOOL_INTERNAL_TOKEN", "internal-token");
    }

    private static String secret(String variable, String stackFile) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
            return value;
        }
        Path file = Path.of(System.getenv().getOrDefault("SPOOL_STACK_DIR", ".spool"), stackFile);
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("no " + variable + ": set it, or start the local stack, which writes " + file, e);
        }
    }
}
