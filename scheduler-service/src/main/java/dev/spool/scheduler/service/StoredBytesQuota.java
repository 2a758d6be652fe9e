package dev.spool.scheduler.service;

import dev.spool.scheduler.client.StateClient;
import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.repository.TenantRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's quota of stored bytes, checked before a submission's transaction against the state-service's count of
 * what the tenant's runs keep in the bucket. Bytes are stored while runs run, so the quota stops new runs once a
 * tenant is over it rather than cutting a run short. A count reads every stored output of the tenant, so it is taken
 * as it was for {@code spool.scheduler.quota.stored-bytes-freshness}; a tenant without the quota costs nothing.
 * When the state-service cannot count, the submission goes ahead with a warning: the other quotas still hold.
 */
@ApplicationScoped
public class StoredBytesQuota {

    private static final Logger LOG = Logger.getLogger(StoredBytesQuota.class);

    private final TenantRepository tenants;
    private final TenantQuotas quotas;
    private final StateClient state;
    private final SchedulerConfig config;
    private final InstantSource clock;
    private final Map<String, Counted> counted = new ConcurrentHashMap<>();

    public StoredBytesQuota(TenantRepository tenants, TenantQuotas quotas, @RestClient StateClient state, SchedulerConfig config,
                            InstantSource clock) {
        this.tenants = tenants;
        this.quotas = quotas;
        this.state = state;
        this.config = config;
        this.clock = clock;
    }

    private record Counted(long bytes, Instant at) {
    }

    /** Fails with QuotaExceededException (429) while the tenant stores its quota or more. */
    public Uni<Void> admit(String tenantName) {
        return Panache.withSession(() -> tenants.findById(tenantName)).chain(tenant -> {
            // A tenant that does not exist is refused in the submission's transaction, with what to do.
            long quota = tenant == null ? 0 : quotas.of(tenant).storedBytes();
            if (quota <= 0) {
                return Uni.createFrom().voidItem();
            }
            return stored(tenantName).map(bytes -> {
                if (bytes >= quota) {
                    throw new QuotaExceededException(429, "tenant \"" + tenantName + "\" stores " + bytes + " bytes of output, its quota of "
                            + quota + ": prune or delete runs (POST /api/v1/runs/{id}/prune), wait for retention to remove old ones, "
                            + "or ask an admin to raise stored_bytes", Math.max(1, config.retention().interval().toSeconds()));
                }
                return null;
            });
        });
    }

    private Uni<Long> stored(String tenant) {
        Instant now = clock.instant();
        Counted known = counted.get(tenant);
        if (known != null && known.at().plus(config.quota().storedBytesFreshness()).isAfter(now)) {
            return Uni.createFrom().item(known.bytes());
        }
        return state.storageUsage(null, tenant)
                .map(usage -> {
                    counted.put(tenant, new Counted(usage.storedBytes(), now));
                    return usage.storedBytes();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("the stored bytes of tenant %s could not be counted (%s); its submission goes ahead", tenant, failure.getMessage());
                    return -1L;
                });
    }
}
