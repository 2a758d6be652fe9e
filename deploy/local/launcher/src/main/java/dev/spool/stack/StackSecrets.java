package dev.spool.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's secrets, each a file of mode 0600 in its folder, written once and read by every later start:
 * the admin token ({@code .spool/admin-token}), passed to the gateway as its bootstrap admin token and read by the
 * README, the demo, the benchmarks and the tests; the services' shared internal credential
 * ({@code .spool/internal-token}); and the key that the gateway seals inline secrets with and the workers open them
 * with ({@code .spool/secrets-key}).
 */
public final class StackSecrets {

    public static final String ADMIN_TOKEN_FILE = "admin-token";
    public static final String INTERNAL_TOKEN_FILE = "internal-token";
    public static final String SECRETS_KEY_FILE = "secrets-key";

    private StackSecrets() {
    }

    public static String adminToken(Path stackDir) {
        return ensure(stackDir, ADMIN_TOKEN_FILE, true);
    }

    public static String internalToken(Path stackDir) {
        return ensure(stackDir, INTERNAL_TOKEN_FILE, true);
    }

    /** 32 random bytes in base64, as {@code spool.secrets.key} takes them. */
    public static String secretsKey(Path stackDir) {
        return ensure(stackDir, SECRETS_KEY_FILE, false);
    }

    /** The secret in that file of the stack's folder, written there first if there is none. */
    private static String ensure(Path stackDir, String name, boolean token) {
        Path file = stackDir.resolve(name);
        try {
            Files.createDirectories(stackDir);
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                String text = token ? "spool_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret) : Base64.getEncoder().encodeToString(secret);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException raced) {
                    // Another launcher wrote it first: use that one.
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the stack's secret " + file + ": " + e.getMessage(), e);
        }
    }
}
