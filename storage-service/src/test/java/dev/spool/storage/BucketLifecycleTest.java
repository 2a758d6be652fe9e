package dev.spool.storage;

import dev.spool.storage.service.BucketLifecycle;
import io.minio.GetBucketLifecycleArgs;
import io.minio.MinioClient;
import io.minio.SetBucketLifecycleArgs;
import io.minio.messages.Expiration;
import io.minio.messages.LifecycleConfiguration;
import io.minio.messages.LifecycleRule;
import io.minio.messages.RuleFilter;
import io.minio.messages.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static dev.spool.support.testing.InternalCalls.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The bucket's expiry rule on s3mock, which keeps lifecycle rules: set at start, read back, and other rules left. */
@QuarkusTest
@QuarkusTestResource(value = S3MockResource.class, restrictToAnnotatedClass = true)
class BucketLifecycleTest {

    @S3ProcessResource.InjectS3Server
    S3ProcessResource s3;

    @Inject
    BucketLifecycle lifecycle;

    private MinioClient minio() {
        return MinioClient.builder().endpoint(s3.endpoint()).credentials("spool", "any").region("us-east-1").build();
    }

    private List<LifecycleRule> rules() throws Exception {
        return minio().getBucketLifecycle(GetBucketLifecycleArgs.builder().bucket(S3ProcessResource.BUCKET).build()).rules();
    }

    @Test
    void atStartTheBucketExpiresRunsAfterTheRetention() throws Exception {
        LifecycleRule rule = rules().stream().filter(r -> r.id().equals(BucketLifecycle.RULE_ID)).findFirst().orElseThrow();
        assertThat(rule.filter().prefix()).isEqualTo("runs/");
        assertThat(rule.expiration().days()).isEqualTo(31);
        assertThat(rule.abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(1);

        assertThat(given().get("/api/v1/storage/bucket").jsonPath().getBoolean("lifecycle_supported")).isTrue();
        assertThat(given().get("/q/metrics").asString()).contains("spool_storage_lifecycle_supported 1.0");
    }

    @Test
    void theBucketsOtherRulesAreKeptWhenSpoolsIsSetAgain() throws Exception {
        List<LifecycleRule> withTheirs = new ArrayList<>(rules());
        withTheirs.add(new LifecycleRule(Status.ENABLED, null, new Expiration((ZonedDateTime) null, 3, null), new RuleFilter("tmp/"),
                "their-tmp-rule", null, null, null));
        minio().setBucketLifecycle(SetBucketLifecycleArgs.builder().bucket(S3ProcessResource.BUCKET)
                .config(new LifecycleConfiguration(withTheirs)).build());

        lifecycle.apply();

        assertThat(rules()).extracting(LifecycleRule::id).containsExactlyInAnyOrder("their-tmp-rule", BucketLifecycle.RULE_ID);
    }
}
