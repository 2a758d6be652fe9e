package dev.spool.scheduler.service;

/** A submission over one of its tenant's quotas: nothing was stored. {@code retryAfterSeconds} 0: retrying will not help. */
public class QuotaExceededException extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;

    public QuotaExceededException(int status, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
