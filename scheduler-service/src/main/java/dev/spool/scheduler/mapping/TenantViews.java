package dev.spool.scheduler.mapping;

import dev.spool.scheduler.model.ApiToken;
import dev.spool.scheduler.model.Tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The admin API's bodies: tenants, tokens as listed (never their secret), and a token as issued (its secret, once). */
public final class TenantViews {

    private TenantViews() {
    }

    public record TenantView(String name, Instant createdAt) {
        public static TenantView of(Tenant tenant) {
            return new TenantView(tenant.name, tenant.createdAt);
        }
    }

    public record TenantList(List<TenantView> tenants) {
    }

    /** {@code status} is active, expired or revoked at the time of the answer. */
    public record TokenView(UUID id, String tenant, String name, String role, String status, Instant createdAt,
                            Instant expiresAt, Instant revokedAt) {
        public static TokenView of(ApiToken token, Instant now) {
            String status = token.revokedAt != null ? "revoked" : token.validAt(now) ? "active" : "expired";
            return new TokenView(token.id, token.tenant, token.name, token.role.wireName(), status, token.createdAt,
                    token.expiresAt, token.revokedAt);
        }
    }

    public record TokenList(List<TokenView> tokens) {
    }

    /** The only time the secret is shown: keep it; it cannot be read again, only revoked and replaced. */
    public record IssuedToken(String token, UUID id, String tenant, String name, String role, Instant createdAt,
                              Instant expiresAt) {
    }
}
