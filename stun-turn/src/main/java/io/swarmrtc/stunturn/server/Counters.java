package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.TurnMetrics;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/** The metrics, written only by the event loop thread and read from anywhere (volatile). */
final class Counters implements TurnMetrics {
  volatile long bindings;
  volatile long activeAllocations;
  volatile long allocationsCreated;
  volatile long relayedPackets;
  volatile long relayedBytes;
  volatile long errorResponses;
  volatile long droppedPackets;
  private static final TurnError[] ERRORS = TurnError.values();
  private static final List<Integer> ERROR_CODES =
      Arrays.stream(ERRORS).map(TurnError::code).sorted().toList();
  /** Error responses by TurnError ordinal. */
  private final AtomicLongArray errorsByKind = new AtomicLongArray(ERRORS.length);

  // Single writer: the non-atomic increments below are safe.
  void relayed(int bytes) {
    relayedPackets = relayedPackets + 1;
    relayedBytes = relayedBytes + bytes;
  }

  void error(TurnError error) {
    errorResponses = errorResponses + 1;
    errorsByKind.lazySet(error.ordinal(), errorsByKind.get(error.ordinal()) + 1);
  }

  void dropped() {
    droppedPackets = droppedPackets + 1;
  }

  @Override public long bindings() { return bindings; }
  @Override public long activeAllocations() { return activeAllocations; }
  @Override public long allocationsCreated() { return allocationsCreated; }
  @Override public long relayedPackets() { return relayedPackets; }
  @Override public long relayedBytes() { return relayedBytes; }
  @Override public long errorResponses() { return errorResponses; }
  @Override public long droppedPackets() { return droppedPackets; }
  @Override public List<Integer> errorCodes() { return ERROR_CODES; }

  @Override
  public long errorResponses(int code) {
    for (TurnError e : ERRORS) {
      if (e.code() == code) {
        return errorsByKind.get(e.ordinal());
      }
    }
    return 0;
  }
}
