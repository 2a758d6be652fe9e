package dev.spool.scheduler.rest;

import dev.spool.support.rest.InternalCredential;

/** A call of an internal endpoint without the services' shared credential: answered 401. */
public class InternalCredentialException extends RuntimeException {

    public InternalCredentialException(boolean configured) {
        super(configured
                ? "this endpoint is for Spool's own services: send " + InternalCredential.HEADER + " with the value of "
                + InternalCredential.PROPERTY + " (SPOOL_INTERNAL_TOKEN)"
                : "this endpoint is for Spool's own services, and this gateway has no " + InternalCredential.PROPERTY
                + " (SPOOL_INTERNAL_TOKEN): set the same value on every service");
    }
}
