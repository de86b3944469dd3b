package io.swarmrtc.server.limits;

import java.time.Clock;
import java.time.Instant;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code ratePerSecond}. One per
 * connection, so a noisy peer slows only itself. Thread-safe; time comes from the injected clock.
 */
public final class TokenBucket {
    private final double capacity;
    private final double tokensPerNano;
    private final Clock clock;
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(double ratePerSecond, int burst, Clock clock) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.capacity = burst;
        this.tokensPerNano = ratePerSecond / 1e9;
        this.clock = clock;
        this.tokens = burst;
        this.lastRefillNanos = nanos(clock.instant());
    }

    /** Takes one token if available; false means the caller must drop the message. */
    public synchronized boolean tryTake() {
        long now = nanos(clock.instant());
        long elapsed = now - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            lastRefillNanos = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
