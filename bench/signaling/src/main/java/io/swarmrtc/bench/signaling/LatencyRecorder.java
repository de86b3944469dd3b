package io.swarmrtc.bench.signaling;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Relay latency samples of one phase, plus what is needed to explain a tail: when each slow sample
 * was sent and when server pings arrived (both in 100 ms windows), and how late the sender was
 * against its schedule. Thread-safe: receiver threads record, the sender notes its lag.
 *
 * <p>Why the numbers are sound: send and receive stamps are {@link System#nanoTime()} of this one
 * JVM; the send stamp is taken right before the frame is handed to the socket and travels in the
 * frame, the receive stamp is the first thing the receiving callback does. A sender that falls
 * behind its schedule (descheduled, GC) would hide that time from the samples (coordinated
 * omission), so its lateness is recorded and printed next to the latency instead of being lost.
 */
final class LatencyRecorder {
    static final long SLOW_NANOS = 10_000_000L;
    private static final long WINDOW_NANOS = 100_000_000L;

    private final long startNanos;
    private final long[] latencies;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLongArray slowPerWindow;
    private final AtomicLongArray pingsPerWindow;
    private volatile boolean recording;
    private long maxSenderLagNanos;

    LatencyRecorder(long startNanos, int capacity, int seconds) {
        this.startNanos = startNanos;
        this.latencies = new long[capacity];
        int windows = (int) ((seconds + 5) * 1_000_000_000L / WINDOW_NANOS);
        this.slowPerWindow = new AtomicLongArray(windows);
        this.pingsPerWindow = new AtomicLongArray(windows);
    }

    void startRecording() {
        recording = true;
    }

    void stopRecording() {
        recording = false;
    }

    /** A relayed message sent at {@code sentNanos} arrived at {@code receivedNanos}. */
    void record(long sentNanos, long receivedNanos) {
        if (!recording) {
            return;
        }
        long latency = receivedNanos - sentNanos;
        int slot = count.getAndIncrement();
        if (slot < latencies.length) {
            latencies[slot] = latency;
        }
        if (latency > SLOW_NANOS) {
            slowPerWindow.incrementAndGet(window(sentNanos));
        }
    }

    /**
     * The server pinged one of our sockets (Jetty answers with a pong either way). Counted when this
     * JVM sees the ping: a stalled load generator (GC, starved CPU) shows a burst here too, so read
     * it together with the sender lag.
     */
    void pinged(long nowNanos) {
        if (recording) {
            pingsPerWindow.incrementAndGet(window(nowNanos));
        }
    }

    /** Called by the one sender thread: how late a message left against its schedule. */
    void senderLag(long lagNanos) {
        if (recording && lagNanos > maxSenderLagNanos) {
            maxSenderLagNanos = lagNanos;
        }
    }

    Summary summary() {
        long[] sorted = Arrays.copyOf(latencies, Math.min(count.get(), latencies.length));
        Arrays.sort(sorted);
        long slow = 0;
        long worstWindow = 0;
        int worstWindowIndex = 0;
        long pings = 0;
        long maxPings = 0;
        for (int i = 0; i < slowPerWindow.length(); i++) {
            slow += slowPerWindow.get(i);
            if (slowPerWindow.get(i) > worstWindow) {
                worstWindow = slowPerWindow.get(i);
                worstWindowIndex = i;
            }
            pings += pingsPerWindow.get(i);
            maxPings = Math.max(maxPings, pingsPerWindow.get(i));
        }
        return new Summary(sorted.length, pct(sorted, 0.50), pct(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1], slow, worstWindow,
                worstWindowIndex * WINDOW_NANOS / 1e9, pings, maxPings, maxSenderLagNanos);
    }

    private int window(long nanos) {
        long w = (nanos - startNanos) / WINDOW_NANOS;
        return (int) Math.max(0, Math.min(slowPerWindow.length() - 1, w));
    }

    private static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /** Latencies in nanoseconds; windows are 100 ms of send time from the start of the phase. */
    record Summary(int samples, long p50Nanos, long p99Nanos, long maxNanos, long slowSamples,
                   long slowInWorstWindow, double worstWindowSeconds, long pings, long maxPingsPerWindow,
                   long maxSenderLagNanos) {
        double p50Ms() { return p50Nanos / 1e6; }
        double p99Ms() { return p99Nanos / 1e6; }
        double maxMs() { return maxNanos / 1e6; }
    }
}
