package dev.spool.support.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * On a service whose every endpoint is internal ({@code spool.internal.every-endpoint}), refuses each call that does
 * not show the services' shared credential, before it reaches a resource; health and metrics stay open to probes.
 */
public class InternalCredentialFilter {

    private final InternalConfig config;

    public InternalCredentialFilter(InternalConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public void requireCredential(ContainerRequestContext request) {
        if (config.everyEndpoint() && !request.getUriInfo().getPath().startsWith("/q/")) {
            InternalCredentialException.check(config, request.getHeaderString(InternalCredential.HEADER));
        }
    }
}
