package dev.spool.support.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The shared secret that one Spool service shows another on an internal endpoint ({@code spool.internal.token},
 * {@code SPOOL_INTERNAL_TOKEN}): the same value on every service, from a Kubernetes Secret or the local stack's
 * {@code .spool/internal-token}.
 */
public final class InternalCredential {

    public static final String HEADER = "X-Spool-Internal-Token";
    public static final String PROPERTY = "spool.internal.token";

    private InternalCredential() {
    }

    /** This service's credential, as its REST clients send it: {@code @ClientHeaderParam(value = "{dev.spool.support.rest.InternalCredential.configured}")}. */
    public static String configured() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class).orElse("");
    }

    /** In constant time, so that the answer's timing tells nothing of the secret. A service without one admits no one. */
    public static boolean matches(String expected, String given) {
        if (expected == null || expected.isBlank() || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
