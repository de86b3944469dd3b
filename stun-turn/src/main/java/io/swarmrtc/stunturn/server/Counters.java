package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.TurnMetrics;

/** The metrics, written only by the event loop thread and read from anywhere (volatile). */
final class Counters implements TurnMetrics {
  volatile long bindings;
  volatile long activeAllocations;
  volatile long allocationsCreated;
  volatile long relayedPackets;
  volatile long relayedBytes;
  volatile long errorResponses;
  volatile long droppedPackets;

  // Single writer: the non-atomic increments below are safe.
  void relayed(int bytes) {
    relayedPackets = relayedPackets + 1;
    relayedBytes = relayedBytes + bytes;
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
}
