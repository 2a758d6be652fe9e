package dev.spool.storage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "spool.storage")
public interface StorageConfig {

    /** The S3-compatible endpoint, for example {@code http://minio:9000}. */
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("spool-outputs")
    String bucket();

    @WithDefault("us-east-1")
    String region();

    /**
     * Where clients outside the cluster reach the bucket, for presigned downloads, when that is not {@link #endpoint()}
     * (for example https://s3.example.com behind an ingress). A presigned URL's signature covers its host.
     */
    Optional<String> publicEndpoint();

    /** Size of each part of a multipart upload. */
    @WithDefault("16777216")
    long partSizeBytes();

    /** How long to wait for the bucket's server to accept a connection: an unreachable bucket fails uploads this fast. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Connections to the bucket kept for downloads as stored; a download beyond them waits for one to be free. */
    @WithDefault("64")
    int downloadConnections();

    /** How long one read or write to the bucket may stall before the request fails. */
    @WithDefault("60s")
    Duration ioTimeout();

    /**
     * After how many days objects under {@code runs/} expire: by a bucket lifecycle rule where the server takes one,
     * and by the sweeper in any case. 0 keeps them. Keep it above the scheduler's run retention
     * ({@code spool.scheduler.retention.max-age}), so that outputs normally go with their run and this is the backstop.
     */
    @WithDefault("31")
    int retentionDays();

    Sweeper sweeper();

    interface Sweeper {

        /** Whether this replica sweeps the bucket on a timer; a pass can always be asked for through the API. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("1h")
        Duration interval();

        /**
         * An object no record points at is deleted only once it is older than this. A worker stores its output before
         * its result is recorded, and a result can wait in Kafka while the state-service catches up.
         */
        @WithDefault("6h")
        Duration grace();

        /** Objects listed, looked up in the state-service and deleted at a time; at most 1,000. */
        @WithDefault("500")
        int batchSize();

        /** Report what would be deleted without deleting anything. */
        @WithDefault("false")
        boolean dryRun();
    }
}
