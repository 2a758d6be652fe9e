package dev.spool.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Who may call the gateway: bearer tokens, on by default. */
@ConfigMapping(prefix = "spool.auth")
public interface AuthConfig {

    /** Off only by an explicit setting, and then every caller is the bootstrap tenant's admin (logged at start). */
    @WithDefault("true")
    boolean enabled();

    /**
     * A token that is made an admin token of the bootstrap tenant at start, so that a fresh installation can be
     * reached: the local stack passes the one it writes to {@code .spool/admin-token}; Kubernetes, a Secret's.
     */
    Optional<String> bootstrapAdminToken();

    /** The tenant of the bootstrap token, of runs from before tenants, and of every caller while authentication is off. */
    @WithDefault("default")
    String bootstrapTenant();

    /** Bearer tokens from an OIDC provider, when {@code quarkus.oidc.tenant-enabled} is set: which claims make the caller. */
    Oidc oidc();

    interface Oidc {

        /** The claim that names the caller's tenant, one an admin created. */
        @WithDefault("spool_tenant")
        String tenantClaim();

        /** The claim that holds the caller's role: admin, submitter or viewer. */
        @WithDefault("spool_role")
        String roleClaim();
    }
}
