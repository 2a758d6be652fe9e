package dev.spool.scheduler.security;

import dev.spool.scheduler.model.ApiToken;
import dev.spool.scheduler.repository.ApiTokenRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.InstantSource;

/** A bearer token to the identity of its tenant and role, by the hash of its secret: one index probe a request. */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {

    private final ApiTokenRepository tokens;
    private final InstantSource clock;

    public ApiTokenIdentityProvider(ApiTokenRepository tokens, InstantSource clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        byte[] hash = TokenSecrets.hash(request.token());
        return Panache.withSession(() -> tokens.findByHash(hash)).map(this::identity);
    }

    private SecurityIdentity identity(ApiToken token) {
        if (token == null) {
            throw new AuthenticationFailedException("the bearer token is not one this gateway issued; ask an admin for a token");
        }
        if (token.revokedAt != null) {
            throw new AuthenticationFailedException("the bearer token \"" + token.name + "\" of tenant \"" + token.tenant
                    + "\" was revoked at " + token.revokedAt + "; ask an admin for a new one");
        }
        if (!token.validAt(clock.instant())) {
            throw new AuthenticationFailedException("the bearer token \"" + token.name + "\" of tenant \"" + token.tenant
                    + "\" expired at " + token.expiresAt + "; ask an admin for a new one");
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(token.name))
                .addRole(token.role.wireName())
                .addAttribute(Caller.TENANT_ATTRIBUTE, token.tenant)
                .build();
    }
}
