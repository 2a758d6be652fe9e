package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** A time-limited link straight to a stored output in the bucket: a download that passes through no Spool service. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PresignedUrl(String url, Instant expiresAt) {

    public static final int DEFAULT_SECONDS = 15 * 60;
    /** S3's own limit for a presigned URL: seven days. */
    public static final int MAX_SECONDS = 7 * 24 * 3600;
}
