package io.swarmrtc.server.ws;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections, spread over the slots of a wheel so that each heartbeat tick visits only one
 * slot. Pinging all sockets at once made a burst (10,000 pings out and 10,000 pongs back within a
 * fraction of a second every interval) that queued every relayed message behind it; with the wheel
 * each socket is still visited once per interval, each at its own phase.
 *
 * <pre>{@code
 * HeartbeatWheel<Conn> wheel = new HeartbeatWheel<>(HeartbeatWheel.slotsFor(interval));
 * wheel.add(c);                                   // on open
 * every wheel.tickMillis(interval) ms: for (Conn c : wheel.nextSlot()) { ping or drop c }
 * wheel.remove(c);                                // on close (false if already removed)
 * }</pre>
 *
 * Thread-safe: any thread adds and removes; one timer thread calls {@link #nextSlot()}. Pure: no
 * clock, no threads, no I/O.
 */
final class HeartbeatWheel<T> {
    /** A tick this often keeps the work of one tick to a few sockets even with 10,000 of them. */
    static final long TARGET_TICK_MILLIS = 20;
    /** Bounds the slot count (and the empty sets) for very long intervals. */
    static final int MAX_SLOTS = 1024;

    private final Set<T>[] slots;
    private final ConcurrentHashMap<T, Integer> slotOf = new ConcurrentHashMap<>();
    private final AtomicInteger nextAdd = new AtomicInteger();
    private int nextTick;

    @SuppressWarnings("unchecked")
    HeartbeatWheel(int slotCount) {
        if (slotCount < 1) {
            throw new IllegalArgumentException("a wheel needs at least one slot: " + slotCount);
        }
        slots = new Set[slotCount];
        for (int i = 0; i < slotCount; i++) {
            slots[i] = ConcurrentHashMap.newKeySet();
        }
    }

    /** The slot count for a heartbeat interval: one tick every ~20 ms, at least one slot. */
    static int slotsFor(Duration interval) {
        return (int) Math.max(1, Math.min(MAX_SLOTS, interval.toMillis() / TARGET_TICK_MILLIS));
    }

    /** How often to call {@link #nextSlot()} so that every slot comes round once per interval. */
    static long tickMillis(Duration interval, int slotCount) {
        return Math.max(1, interval.toMillis() / slotCount);
    }

    /** Adds an element to the next slot in turn (round robin keeps the slots within one of each other). */
    void add(T element) {
        int slot = Math.floorMod(nextAdd.getAndIncrement(), slots.length);
        if (slotOf.putIfAbsent(element, slot) == null) {
            slots[slot].add(element);
        }
    }

    /** Removes an element; false when it was not (or no longer) in the wheel. */
    boolean remove(T element) {
        Integer slot = slotOf.remove(element);
        if (slot == null) {
            return false;
        }
        slots[slot].remove(element);
        return true;
    }

    /** The elements of the slot whose turn it is (a live view), and moves the hand on by one. */
    Set<T> nextSlot() {
        Set<T> slot = slots[nextTick];
        nextTick = (nextTick + 1) % slots.length;
        return slot;
    }

    int slotCount() {
        return slots.length;
    }

    int size() {
        return slotOf.size();
    }
}
