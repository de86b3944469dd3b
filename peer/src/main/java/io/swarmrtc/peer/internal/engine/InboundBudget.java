package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.swarm.SwarmConfig;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of one peer's swarm messages that arrived and wait for the engine's loop. An honest peer
 * sends PIECE only for blocks we requested, so what it can have in flight towards us is bounded by
 * our request pipeline; the limit leaves room for that twice over plus the small control messages
 * (HAVE, REQUEST, BITFIELD). A peer that goes over it ignores the protocol's flow control and is
 * dropped, so a flood never grows the heap, and never delays other peers (each has its own budget).
 *
 * <p>Thread-safe: {@link #admit} runs on the peer's event thread, {@link #release} on the loop.
 */
final class InboundBudget {
  /** Room for control messages and a maximal BITFIELD or manifest chunk, beyond requested blocks. */
  static final long CONTROL_ALLOWANCE = 4L << 20;

  private final long limit;
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicBoolean overrun = new AtomicBoolean();
  private final AtomicBoolean reported = new AtomicBoolean();

  InboundBudget(long limit) {
    this.limit = limit;
  }

  /** The budget for a session with {@code swarm}'s request pipeline. */
  static long limitFor(SwarmConfig swarm) {
    long pipeline = (long) swarm.maxOutstandingPerPeer() * (swarm.blockSize() + 9);
    return 2 * pipeline + CONTROL_ALLOWANCE;
  }

  long limit() {
    return limit;
  }

  /**
   * Counts a message in; false if it does not fit (it is not counted: drop it and the peer). Once
   * a message has not fit, every later one is refused too.
   */
  boolean admit(int bytes) {
    if (overrun.get()) {
      return false;
    }
    if (waiting.addAndGet(bytes) > limit) {
      waiting.addAndGet(-bytes);
      overrun.set(true);
      return false;
    }
    return true;
  }

  /** The loop took a message of {@code bytes}. */
  void release(int bytes) {
    waiting.addAndGet(-bytes);
  }

  /** Bytes admitted and not yet released. */
  long waiting() {
    return waiting.get();
  }

  /** True exactly once after the first refused message: report (drop the peer) then. */
  boolean firstOverrun() {
    return overrun.get() && reported.compareAndSet(false, true);
  }
}
