package dev.spool.scheduler.service;

import dev.spool.scheduler.mapping.TenantViews.IssuedToken;
import dev.spool.scheduler.mapping.TenantViews.TenantView;
import dev.spool.scheduler.mapping.TenantViews.TokenView;
import dev.spool.scheduler.model.ApiToken;
import dev.spool.scheduler.model.Tenant;
import dev.spool.scheduler.repository.ApiTokenRepository;
import dev.spool.scheduler.repository.TenantRepository;
import dev.spool.scheduler.security.Role;
import dev.spool.scheduler.security.TokenSecrets;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Tenants and their tokens: what the admin API does, and the bootstrap admin token of a fresh installation. */
@ApplicationScoped
public class TenantAdmin {

    private final TenantRepository tenants;
    private final ApiTokenRepository tokens;
    private final InstantSource clock;
    private final TenantQuotas limits;

    public TenantAdmin(TenantRepository tenants, ApiTokenRepository tokens, InstantSource clock, TenantQuotas limits) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.clock = clock;
        this.limits = limits;
    }

    @WithTransaction
    public Uni<TenantView> createTenant(String name) {
        return tenants.findById(name).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(tenantTaken(name));
            }
            Tenant tenant = Tenant.named(name, clock.instant());
            return tenants.persistAndFlush(tenant).map(TenantView::of);
        }).onFailure(TenantAdmin::uniqueViolation).transform(e -> tenantTaken(name));
    }

    @WithSession
    public Uni<List<TenantView>> listTenants() {
        return tenants.listByName().map(found -> found.stream().map(TenantView::of).toList());
    }

    /** The tenant's own quotas (a null one takes the default), and those that hold (0: no limit). */
    public record Quotas(String tenant, Own own, TenantQuotas.Effective effective) {
    }

    public record Own(Integer runsInFlight, Integer tasksPerRun, Integer submissionsPerMinute, Long storedBytes) {
    }

    @WithSession
    public Uni<Quotas> quotas(String tenant) {
        return tenants.findById(tenant).map(found -> {
            if (found == null) {
                throw new TenantNotFoundException(tenant);
            }
            return quotasOf(found);
        });
    }

    /** Sets the tenant's own quotas; a null one goes back to the default. They hold from the next submission on. */
    @WithTransaction
    public Uni<Quotas> setQuotas(String tenant, Own own) {
        return tenants.lock(tenant).map(found -> {
            if (found == null) {
                throw new TenantNotFoundException(tenant);
            }
            found.runsInFlight = own.runsInFlight();
            found.tasksPerRun = own.tasksPerRun();
            found.submissionsPerMinute = own.submissionsPerMinute();
            found.storedBytes = own.storedBytes();
            return quotasOf(found);
        });
    }

    private Quotas quotasOf(Tenant tenant) {
        return new Quotas(tenant.name, new Own(tenant.runsInFlight, tenant.tasksPerRun, tenant.submissionsPerMinute, tenant.storedBytes), limits.of(tenant));
    }

    /** A new token of the tenant: its secret is in the answer and nowhere else. {@code expiresIn} null: never expires. */
    @WithTransaction
    public Uni<IssuedToken> issueToken(String tenant, String name, Role role, Duration expiresIn) {
        return requireTenant(tenant).chain(() -> tokens.findByName(tenant, name)).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(tokenTaken(tenant, name));
            }
            String secret = TokenSecrets.generate();
            Instant now = clock.instant();
            ApiToken token = newToken(tenant, name, role, TokenSecrets.hash(secret), now, expiresIn == null ? null : now.plus(expiresIn));
            return tokens.persistAndFlush(token).map(saved -> new IssuedToken(secret, token.id, tenant, name,
                    role.wireName(), token.createdAt, token.expiresAt));
        }).onFailure(TenantAdmin::uniqueViolation).transform(e -> tokenTaken(tenant, name));
    }

    @WithSession
    public Uni<List<TokenView>> listTokens(String tenant) {
        Instant now = clock.instant();
        return requireTenant(tenant).chain(() -> tokens.listByTenant(tenant))
                .map(found -> found.stream().map(token -> TokenView.of(token, now)).toList());
    }

    /** Revoked at once, on every replica: each request looks its token up. Revoking twice keeps the first time. */
    @WithTransaction
    public Uni<TokenView> revoke(String tenant, UUID id) {
        Instant now = clock.instant();
        return requireTenant(tenant).chain(() -> tokens.findById(id)).chain(token -> {
            if (token == null || !token.tenant.equals(tenant)) {
                return Uni.createFrom().failure(new TokenNotFoundException(tenant, id));
            }
            if (token.revokedAt == null) {
                token.revokedAt = now;
            }
            return Uni.createFrom().item(TokenView.of(token, now));
        });
    }

    /**
     * Makes that secret the admin token {@code name} of the tenant, creating both as needed; a different secret under
     * the same name replaces the old one, so that rotating the bootstrap secret locks the old one out.
     */
    @WithTransaction
    public Uni<Void> bootstrap(String tenant, String name, String secret) {
        byte[] hash = TokenSecrets.hash(secret);
        Instant now = clock.instant();
        return tenants.findById(tenant)
                .chain(found -> found != null ? Uni.createFrom().item(found) : tenants.persist(Tenant.named(tenant, now)))
                .chain(() -> tokens.findByName(tenant, name))
                .chain(existing -> {
                    if (existing != null) {
                        if (!Arrays.equals(existing.tokenHash, hash) || existing.role != Role.ADMIN || existing.revokedAt != null) {
                            existing.tokenHash = hash;
                            existing.role = Role.ADMIN;
                            existing.revokedAt = null;
                            existing.expiresAt = null;
                        }
                        return Uni.createFrom().voidItem();
                    }
                    return tokens.persist(newToken(tenant, name, Role.ADMIN, hash, now, null)).replaceWithVoid();
                });
    }

    private static ApiToken newToken(String tenant, String name, Role role, byte[] hash, Instant now, Instant expiresAt) {
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.tenant = tenant;
        token.name = name;
        token.role = role;
        token.tokenHash = hash;
        token.createdAt = now;
        token.expiresAt = expiresAt;
        return token;
    }

    private Uni<Void> requireTenant(String tenant) {
        return tenants.findById(tenant).chain(found -> found == null
                ? Uni.createFrom().failure(new TenantNotFoundException(tenant))
                : Uni.createFrom().voidItem());
    }

    private static NameTakenException tenantTaken(String name) {
        return new NameTakenException("tenant_exists", "a tenant named \"" + name + "\" already exists; pick another name");
    }

    private static NameTakenException tokenTaken(String tenant, String name) {
        return new NameTakenException("token_exists", "tenant \"" + tenant + "\" already has a token named \"" + name
                + "\"; pick another name, or revoke that one first (revoked tokens keep their names)");
    }

    /** Two admins creating the same name at once: the second meets the unique key, and is told as if it came second. */
    private static boolean uniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
