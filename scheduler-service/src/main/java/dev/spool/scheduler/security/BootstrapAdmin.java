package dev.spool.scheduler.security;

import dev.spool.scheduler.config.AuthConfig;
import dev.spool.scheduler.service.TenantAdmin;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** At start: the bootstrap admin token, so that a fresh installation can be reached, or a warning that no one is asked. */
@ApplicationScoped
public class BootstrapAdmin {

    static final String TOKEN_NAME = "bootstrap-admin";

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    private final AuthConfig config;
    private final TenantAdmin admin;

    public BootstrapAdmin(AuthConfig config, TenantAdmin admin) {
        this.config = config;
        this.admin = admin;
    }

    void start(@Observes StartupEvent event) throws Throwable {
        if (!config.enabled()) {
            LOG.warnf("authentication is OFF (spool.auth.enabled=false): anyone who can reach the gateway acts as an admin "
                    + "of tenant \"%s\"; never run so where others can reach it", config.bootstrapTenant());
            return;
        }
        if (config.bootstrapAdminToken().isEmpty() || config.bootstrapAdminToken().get().isBlank()) {
            LOG.info("no bootstrap admin token is configured (spool.auth.bootstrap-admin-token): only the tokens already issued let anyone in");
            return;
        }
        String secret = config.bootstrapAdminToken().get().trim();
        try {
            VertxContextSupport.subscribeAndAwait(() -> admin.bootstrap(config.bootstrapTenant(), TOKEN_NAME, secret));
            LOG.infof("the bootstrap admin token \"%s\" of tenant \"%s\" is in place", TOKEN_NAME, config.bootstrapTenant());
        } catch (RuntimeException e) {
            // Two replicas starting together both create it; the one that came second finds it done.
            LOG.infof("the bootstrap admin token was not written here (%s); another replica may have written it", e.getMessage());
        }
    }
}
