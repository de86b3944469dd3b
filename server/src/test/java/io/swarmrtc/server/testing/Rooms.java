package io.swarmrtc.server.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh room names, so tests sharing a server never meet. */
public final class Rooms {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Rooms() {
    }

    public static String fresh(String hint) {
        return hint + "-" + COUNTER.incrementAndGet();
    }
}
