package io.swarmrtc.stunturn;

/**
 * Live counters of a running server, safe to read from any thread (e.g. as Micrometer
 * {@code FunctionCounter}s / {@code Gauge}s). Monotonic unless noted.
 */
public interface TurnMetrics {
  /** Binding success responses sent. */
  long bindings();

  /** Allocations currently alive (a gauge). */
  long activeAllocations();

  /** Allocations created since start. */
  long allocationsCreated();

  /** Packets relayed in either direction between clients and peers. */
  long relayedPackets();

  /** Payload bytes relayed in either direction. */
  long relayedBytes();

  /** STUN error responses sent (any code). */
  long errorResponses();

  /** Inbound packets dropped: malformed, unauthorised Send/ChannelData, over quota, policy. */
  long droppedPackets();
}
