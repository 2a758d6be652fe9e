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
 * The local stack's admin token, in {@code .spool/admin-token} (mode 0600): written once, then passed to the
 * gateway as its bootstrap admin token at every start. The README, the demo, the benchmarks and the tests read it.
 */
public final class AdminToken {

    public static final String FILE = "admin-token";

    private AdminToken() {
    }

    /** The token in the stack's folder, written there first if there is none. */
    public static String ensure(Path stackDir) {
        Path file = stackDir.resolve(FILE);
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
