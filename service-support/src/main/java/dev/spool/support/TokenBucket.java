package dev.spool.support;

import java.time.Duration;
import java.time.Instant;

/**
 * A rate with a burst: up to {@code capacity} at once, then {@code perSecond}. The dispatch queue's rate limits use
 * a second's worth of burst; a tenant's submissions per minute, a minute's. Not thread-safe: its owner guards it.
 */
public final class TokenBucket {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private Instant refilledAt;

    public TokenBucket(double perSecond, Instant now) {
        this(perSecond, Math.max(1, perSecond), now);
    }

    public TokenBucket(double perSecond, double capacity, Instant now) {
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    public double perSecond() {
        return perSecond;
    }

    public boolean tryTake(Instant now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** When the next token is there. */
    public Instant nextToken(Instant now) {
        refill(now);
        if (tokens >= 1) {
            return now;
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
        return now.plus(Duration.ofNanos(waitNanos));
    }

    private void refill(Instant now) {
        if (now.isAfter(refilledAt)) {
            double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(capacity, tokens + seconds * perSecond);
            refilledAt = now;
        }
    }
}
