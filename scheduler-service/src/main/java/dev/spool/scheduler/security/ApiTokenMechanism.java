package dev.spool.scheduler.security;

import dev.spool.scheduler.config.AuthConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;

/**
 * {@code Authorization: Bearer <token>} on the gateway. No header leaves the request anonymous, which the role
 * checks answer with a 401; a header that is not a bearer token, or a token that is not valid, fails at once.
 * With authentication turned off, every request is the bootstrap tenant's admin. Where OIDC is on, a bearer token
 * that is not one of Spool's ({@code spool_…}) is left to the OIDC mechanism, which comes after this one.
 */
@ApplicationScoped
public class ApiTokenMechanism implements HttpAuthenticationMechanism {

    private static final String SCHEME = "Bearer ";

    private final AuthConfig config;
    private final boolean oidc;
    private final SecurityIdentity authenticationOff;

    public ApiTokenMechanism(AuthConfig config, @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidc) {
        this.config = config;
        this.oidc = oidc;
        this.authenticationOff = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("authentication-off"))
                .addRole(Role.Names.ADMIN)
                .addAttribute(Caller.TENANT_ATTRIBUTE, config.bootstrapTenant())
                .build();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!config.enabled()) {
            return Uni.createFrom().item(authenticationOff);
        }
        String header = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || header.substring(SCHEME.length()).isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "the Authorization header is not a bearer token: send \"Authorization: Bearer <token>\""));
        }
        String token = header.substring(SCHEME.length()).trim();
        if (oidc && !token.startsWith(TokenSecrets.PREFIX)) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiTokenRequest(token), context));
    }

    /** Before OIDC's mechanism, so that Spool's own tokens are never sent to it. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"spool\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
