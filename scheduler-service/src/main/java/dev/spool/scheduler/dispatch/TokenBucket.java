package dev.spool.scheduler.dispatch;

import java.time.Duration;
import java.time.Instant;

/** Dispatches per second for one concurrency group: a burst of up to one second's worth, then the steady rate. */
final class TokenBucket {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private Instant refilledAt;

    TokenBucket(double perSecond, Instant now) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.tokens = capacity;
        this.refilledAt = now;
    }

    double perSecond() {
        return perSecond;
    }

    boolean tryTake(Instant now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** When the next token is there. */
    Instant nextToken(Instant now) {
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
