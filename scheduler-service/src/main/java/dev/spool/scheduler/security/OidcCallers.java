package dev.spool.scheduler.security;

import dev.spool.scheduler.config.AuthConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Makes a caller of an OIDC token one of Spool's: its tenant and its role are read from the claims an operator
 * names ({@code spool.auth.oidc.tenant-claim}, {@code role-claim}), and nothing else of the token grants anything.
 * A token without them is refused, saying which claim is missing; its tenant must be one an admin created.
 */
@ApplicationScoped
public class OidcCallers implements SecurityIdentityAugmentor {

    private final AuthConfig.Oidc config;

    public OidcCallers(AuthConfig config) {
        this.config = config.oidc();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(() -> caller(token));
    }

    private SecurityIdentity caller(JsonWebToken token) {
        String tenant = text(token, config.tenantClaim(), "tenant-claim");
        String roleName = text(token, config.roleClaim(), "role-claim");
        Role role = Arrays.stream(Role.values()).filter(r -> r.wireName().equals(roleName.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new AuthenticationFailedException("the OIDC token's claim '" + config.roleClaim() + "' is '" + roleName
                        + "', not a role of Spool's: " + Arrays.stream(Role.values()).map(Role::wireName).collect(Collectors.joining(", "))));
        String name = token.getName() != null ? token.getName() : token.getSubject();
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("oidc:" + name))
                .addRole(role.wireName())
                .addAttribute(Caller.TENANT_ATTRIBUTE, tenant)
                .build();
    }

    private static String text(JsonWebToken token, String claim, String setting) {
        Object value = token.getClaim(claim);
        if (value == null || value.toString().isBlank()) {
            throw new AuthenticationFailedException("the OIDC token has no claim '" + claim + "': the provider must put it in the token, or "
                    + "spool.auth.oidc." + setting + " must name the claim that holds it");
        }
        String text = value.toString();
        // A string claim comes quoted from some providers' JSON values.
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
