package io.swarmrtc.server.rooms;

import java.util.Base64;
import java.util.Random;
import java.util.function.Supplier;

/** Unguessable ids: 128 random bits, base64url without padding (22 characters). */
public final class RandomIds implements Supplier<String> {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final Random random;

    /** {@code random} is a SecureRandom in production; tests may pass a seeded one. */
    public RandomIds(Random random) {
        this.random = random;
    }

    @Override
    public String get() {
        byte[] bytes = new byte[16];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        return B64.encodeToString(bytes);
    }
}
