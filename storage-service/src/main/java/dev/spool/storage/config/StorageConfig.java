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

    /** Size of each part of a multipart upload. */
    @WithDefault("16777216")
    long partSizeBytes();
}
