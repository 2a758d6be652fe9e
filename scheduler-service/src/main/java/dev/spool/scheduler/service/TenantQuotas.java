package dev.spool.scheduler.service;

import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.model.Tenant;
import dev.spool.scheduler.repository.RunRepository;
import dev.spool.scheduler.repository.TenantRepository;
import dev.spool.support.TokenBucket;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * What a tenant may submit: runs in flight, tasks a run and submissions a minute, its own or the defaults. Checked
 * inside the submission's transaction with the tenant's row locked, so that two submissions cannot both take the
 * last place; one tenant's quota never slows another's submissions.
 */
@ApplicationScoped
public class TenantQuotas {

    /** The quotas that hold for a tenant; 0 is no limit. */
    public record Effective(int runsInFlight, int tasksPerRun, int submissionsPerMinute, long storedBytes) {
    }

    private final TenantRepository tenants;
    private final RunRepository runs;
    private final SchedulerConfig config;
    private final InstantSource clock;
    private final Map<String, TokenBucket> submissions = new HashMap<>();

    public TenantQuotas(TenantRepository tenants, RunRepository runs, SchedulerConfig config, InstantSource clock) {
        this.tenants = tenants;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
    }

    public Effective of(Tenant tenant) {
        SchedulerConfig.Quota defaults = config.quota();
        return new Effective(tenant.runsInFlight != null ? tenant.runsInFlight : defaults.runsInFlight(),
                tenant.tasksPerRun != null ? tenant.tasksPerRun : defaults.tasksPerRun(),
                tenant.submissionsPerMinute != null ? tenant.submissionsPerMinute : defaults.submissionsPerMinute(),
                tenant.storedBytes != null ? tenant.storedBytes : defaults.storedBytes());
    }

    /** Within the submission's transaction: fails with QuotaExceededException, or admits a run of that many tasks. */
    public Uni<Void> admit(String tenantName, int tasks) {
        return tenants.lock(tenantName).chain(tenant -> {
            if (tenant == null) {
                return Uni.createFrom().failure(new TenantNotFoundException(tenantName));
            }
            Effective quota = of(tenant);
            if (quota.tasksPerRun() > 0 && tasks > quota.tasksPerRun()) {
                return Uni.createFrom().failure(new QuotaExceededException(400, "the workflow has " + tasks + " tasks; tenant \""
                        + tenantName + "\" may submit at most " + quota.tasksPerRun() + " a run: split it, or ask an admin to raise tasks_per_run", 0));
            }
            Uni<Void> rate = Uni.createFrom().item(() -> {
                takeSubmission(tenantName, quota.submissionsPerMinute());
                return null;
            });
            if (quota.runsInFlight() <= 0) {
                return rate;
            }
            return runs.countUnfinished(tenantName).chain(unfinished -> unfinished >= quota.runsInFlight()
                    ? Uni.createFrom().failure(new QuotaExceededException(429, "tenant \"" + tenantName + "\" has " + unfinished
                    + " runs not yet finished, its quota of runs in flight: submit again once one has finished, cancel one, or ask an admin to raise runs_in_flight", 30))
                    : rate);
        });
    }

    private void takeSubmission(String tenant, int perMinute) {
        if (perMinute <= 0) {
            return;
        }
        Instant now = clock.instant();
        synchronized (submissions) {
            TokenBucket bucket = submissions.get(tenant);
            if (bucket == null || bucket.perSecond() != perMinute / 60.0) {
                bucket = new TokenBucket(perMinute / 60.0, perMinute, now);
                submissions.put(tenant, bucket);
            }
            if (!bucket.tryTake(now)) {
                long wait = Math.max(1, (long) Math.ceil(Duration.between(now, bucket.nextToken(now)).toMillis() / 1000.0));
                throw new QuotaExceededException(429, "tenant \"" + tenant + "\" has used its " + perMinute
                        + " submissions a minute: submit again in " + wait + " s, or ask an admin to raise submissions_per_minute", wait);
            }
        }
    }
}
