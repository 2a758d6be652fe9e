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
 * The local stack's secrets, each a file of mode 0600 in its folder, written once: the admin token
 * ({@code .spool/admin-token}), passed to the gateway as its bootstrap admin token and read by the README, the demo,
 * the benchmarks and the tests; and the services' shared internal credential ({@code .spool/internal-token}).
 */
public final class AdminToken {

    public static final String FILE = "admin-token";
    public static final String INTERNAL_FILE = "internal-token";

    private AdminToken() {
    }

    /** The admin token in the stack's folder, written there first if there is none. */
    public static String ensure(Path stackDir) {
        return ensure(stackDir, FILE);
    }

    /** The secret in that file of the stack's folder, written there first if there is none. */
    public static String ensure(Path stackDir, String name) {
        Path file = stackDir.resolve(name);
        try {
            Files.createDirectories(stackDir);
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                String token = "spool_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException raced) {
                    // Another launcher wrote it first: use that one.
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin token " + file + ": " + e.getMessage(), e);
        }
    }
}
