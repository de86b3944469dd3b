package io.swarmrtc.server.limits;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.stunturn.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aFullBucketAllowsItsBurstThenRefusesUntilTimePasses() {
        TokenBucket bucket = new TokenBucket(50, 200, clock);
        for (int i = 0; i < 200; i++) {
            assertTrue(bucket.tryTake(), "message " + i + " of the burst");
        }
        assertFalse(bucket.tryTake());
        clock.advance(Duration.ofMillis(19));
        assertFalse(bucket.tryTake(), "50/s means one token per 20 ms");
        clock.advance(Duration.ofMillis(1));
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake());
    }

    @Test
    void refillNeverExceedsTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 3, clock);
        clock.advance(Duration.ofHours(1));
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake());
    }

    @Test
    void sustainedRateIsExactlyTheConfiguredRate() {
        TokenBucket bucket = new TokenBucket(5, 1, clock);
        int allowed = 0;
        for (int ms = 0; ms < 10_000; ms += 10) {
            if (bucket.tryTake()) {
                allowed++;
            }
            clock.advance(Duration.ofMillis(10));
        }
        assertTrue(allowed >= 50 && allowed <= 51, "5/s over 10 s: " + allowed);
    }

    @Test
    void aClockGoingBackwardsDoesNotMintTokens() {
        TokenBucket bucket = new TokenBucket(1, 1, clock);
        assertTrue(bucket.tryTake());
        clock.advance(Duration.ofSeconds(-10));
        assertFalse(bucket.tryTake());
    }
}
