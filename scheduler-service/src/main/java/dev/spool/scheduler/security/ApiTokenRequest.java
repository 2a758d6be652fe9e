package dev.spool.scheduler.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A token Spool issued ({@code spool_…}), to be looked up by its hash. A type of its own, so that no other identity
 * provider (OIDC's takes any bearer token) is asked about it.
 */
public final class ApiTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public ApiTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
