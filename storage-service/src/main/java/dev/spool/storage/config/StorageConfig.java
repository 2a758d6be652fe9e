package dev.spool.storage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
    java.util.Optional<String> publicEndpoint();

    /** Size of each part of a multipart upload. */
    @WithDefault("16777216")
    long partSizeBytes();
}
