package dev.spool.storage.service;

import dev.spool.storage.config.StorageConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.DeleteBucketLifecycleArgs;
import io.minio.GetBucketLifecycleArgs;
import io.minio.MinioClient;
import io.minio.SetBucketLifecycleArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.AbortIncompleteMultipartUpload;
import io.minio.messages.Expiration;
import io.minio.messages.LifecycleConfiguration;
import io.minio.messages.LifecycleRule;
import io.minio.messages.RuleFilter;
import io.minio.messages.Status;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bucket's lifecycle rule for Spool's outputs: objects under {@code runs/} expire after the retention, and
 * uploads left incomplete (a transfer cut off) are aborted after a day. Other rules of the bucket are left as they
 * are. A server without lifecycle support (S3Proxy answers NotImplemented) gets one warning; the sweeper expires
 * objects in any case, so the rule only makes the bucket do it sooner and without the service.
 */
@ApplicationScoped
public class BucketLifecycle {

    public static final String RULE_ID = "spool-runs-expiry";
    static final String PREFIX = "runs/";
    private static final Logger LOG = Logger.getLogger(BucketLifecycle.class);

    private final MinioClient minio;
    private final StorageConfig config;
    /** Null until the bucket answered; then whether it keeps lifecycle rules. */
    private volatile Boolean supported;

    public BucketLifecycle(MinioClient minio, StorageConfig config, MeterRegistry metrics) {
        this.minio = minio;
        this.config = config;
        Gauge.builder("spool.storage.lifecycle.supported", this, lifecycle -> lifecycle.supported == null ? -1 : lifecycle.supported ? 1 : 0)
                .description("1 when the bucket keeps Spool's expiry rule, 0 when its server has no lifecycle support, -1 before it answered")
                .register(metrics);
    }

    public Boolean supported() {
        return supported;
    }

    /** Sets the rule, or takes it away when the retention is 0, and reads it back; once is enough while it is known. */
    public void applyIfUnknown() {
        if (supported == null) {
            apply();
        }
    }

    public void apply() {
        try {
            List<LifecycleRule> rules = new ArrayList<>(existingRules().stream().filter(rule -> !RULE_ID.equals(rule.id())).toList());
            if (config.retentionDays() > 0) {
                rules.add(new LifecycleRule(Status.ENABLED, new AbortIncompleteMultipartUpload(1),
                        new Expiration((ZonedDateTime) null, config.retentionDays(), null), new RuleFilter(PREFIX), RULE_ID, null, null, null));
            }
            if (rules.isEmpty()) {
                minio.deleteBucketLifecycle(DeleteBucketLifecycleArgs.builder().bucket(config.bucket()).build());
            } else {
                minio.setBucketLifecycle(SetBucketLifecycleArgs.builder().bucket(config.bucket()).config(new LifecycleConfiguration(rules)).build());
            }
            checkReadBack();
            supported = true;
            LOG.infof(config.retentionDays() > 0 ? "bucket %s expires objects under %s after %d days (lifecycle rule %s)"
                    : "bucket %s keeps objects under %s: retention is 0, so lifecycle rule %4$s is not set", config.bucket(), PREFIX,
                    config.retentionDays(), RULE_ID);
        } catch (ErrorResponseException e) {
            if ("NotImplemented".equals(e.errorResponse().code())) {
                supported = false;
                LOG.warnf("the object storage at %s has no lifecycle rules (NotImplemented): the sweeper alone expires objects under %s "
                        + "after %d days, every %s", config.endpoint(), PREFIX, config.retentionDays(), config.sweeper().interval());
                return;
            }
            throw new StorageUnavailableException("cannot set the lifecycle of bucket " + config.bucket() + ": " + e.getMessage(), e);
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageUnavailableException("cannot set the lifecycle of bucket " + config.bucket() + ": " + e.getMessage(), e);
        }
    }

    /** The rule as the server keeps it, or null when it has none of Spool's. */
    public LifecycleRule rule() {
        try {
            return existingRules().stream().filter(rule -> RULE_ID.equals(rule.id())).findFirst().orElse(null);
        } catch (Exception e) {
            throw new StorageUnavailableException("cannot read the lifecycle of bucket " + config.bucket() + ": " + e.getMessage(), e);
        }
    }

    private List<LifecycleRule> existingRules() throws Exception {
        try {
            LifecycleConfiguration current = minio.getBucketLifecycle(GetBucketLifecycleArgs.builder().bucket(config.bucket()).build());
            return current == null || current.rules() == null ? List.of() : current.rules();
        } catch (ErrorResponseException e) {
            if ("NoSuchLifecycleConfiguration".equals(e.errorResponse().code())) {
                return List.of();
            }
            throw e;
        }
    }

    /** A server that takes a rule and drops it, or keeps another number of days, must not pass for one that expires. */
    private void checkReadBack() throws Exception {
        LifecycleRule kept = existingRules().stream().filter(rule -> RULE_ID.equals(rule.id())).findFirst().orElse(null);
        if (config.retentionDays() == 0 ? kept != null
                : kept == null || kept.expiration() == null || !Objects.equals(kept.expiration().days(), config.retentionDays())) {
            throw new StorageUnavailableException("bucket " + config.bucket() + " did not keep lifecycle rule " + RULE_ID
                    + " as it was set (read back: " + (kept == null ? "no rule" : kept.expiration() == null ? "no expiration"
                    : kept.expiration().days() + " days") + ")", null);
        }
    }
}
