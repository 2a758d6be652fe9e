package dev.spool.support.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Seals an inline secret ({@code secret: true}) so that it rests in PostgreSQL and travels through Kafka only as
 * ciphertext: AES-256-GCM under {@code spool.secrets.key} ({@code SPOOL_SECRETS_KEY}, 32 random bytes in base64),
 * which only the gateway, which seals, and the workers, which open, hold. A sealed value reads
 * {@code sealed:v1:<key id>:<base64 of nonce, ciphertext and tag>}; the key id (the first bytes of the key's
 * SHA-256) lets a worker with another key say so instead of failing the tag.
 */
@ApplicationScoped
public class SecretSeal {

    public static final String PROPERTY = "spool.secrets.key";
    static final String PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public SecretSeal(@ConfigProperty(name = PROPERTY) Optional<String> key) {
        byte[] bytes = key.filter(text -> !text.isBlank()).map(SecretSeal::decodeKey).orElse(null);
        this.key = bytes == null ? null : new SecretKeySpec(bytes, "AES");
        this.keyId = bytes == null ? null : keyId(bytes);
    }

    private static byte[] decodeKey(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " is not base64: give 32 random bytes in base64, e.g. from `openssl rand -base64 32`");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(PROPERTY + " holds " + bytes.length + " bytes: give 32 random bytes in base64, e.g. from `openssl rand -base64 32`");
        }
        return bytes;
    }

    static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this service holds a key, and so can seal or open. */
    public boolean available() {
        return key != null;
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String seal(String value) {
        if (key == null) {
            throw new IllegalStateException("no " + PROPERTY + " is set here");
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] whole = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, whole, 0, nonce.length);
            System.arraycopy(sealed, 0, whole, nonce.length, sealed.length);
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(whole);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** The value a sealed text holds. @throws CannotOpen saying why, never with the value or the key */
    public String open(String sealed) throws CannotOpen {
        String[] parts = sealed.substring(PREFIX.length()).split(":", 2);
        if (parts.length != 2) {
            throw new CannotOpen("it is not a sealed value this version of Spool knows");
        }
        if (key == null) {
            throw new CannotOpen("this service has no key to open it: set " + PROPERTY + " (SPOOL_SECRETS_KEY) to the gateway's key");
        }
        if (!parts[0].equals(keyId)) {
            throw new CannotOpen("it was sealed with key " + parts[0] + " and this service holds key " + keyId
                    + ": give the gateway and the workers the same " + PROPERTY);
        }
        try {
            byte[] whole = Base64.getDecoder().decode(parts[1]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, whole, 0, NONCE_BYTES));
            return new String(cipher.doFinal(whole, NONCE_BYTES, whole.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new CannotOpen("it was altered or cut on its way");
        } catch (GeneralSecurityException e) {
            throw new CannotOpen("opening failed (" + e.getMessage() + ")");
        }
    }

    public static final class CannotOpen extends Exception {
        CannotOpen(String why) {
            super(why);
        }
    }
}
