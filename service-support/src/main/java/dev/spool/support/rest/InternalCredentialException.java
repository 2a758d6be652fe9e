package dev.spool.support.rest;

/** A call of an internal endpoint without the services' shared credential: answered 401. */
public class InternalCredentialException extends RuntimeException {

    public InternalCredentialException(boolean configured) {
        super(configured
                ? "this endpoint is for Spool's own services: send " + InternalCredential.HEADER + " with the value of "
                + InternalCredential.PROPERTY + " (SPOOL_INTERNAL_TOKEN)"
                : "this endpoint is for Spool's own services, and this service has no " + InternalCredential.PROPERTY
                + " (SPOOL_INTERNAL_TOKEN): set the same value on every service");
    }

    /** Passes a call that shows the credential; refuses any other. */
    public static void check(InternalConfig config, String given) {
        if (!InternalCredential.matches(config.token().orElse(null), given)) {
            throw new InternalCredentialException(config.token().filter(token -> !token.isBlank()).isPresent());
        }
    }
}
