package io.swarmrtc.stunturn;

import java.util.List;

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

  /** STUN error responses sent with {@code code} (e.g. 401); 0 for a code never sent. */
  long errorResponses(int code);

  /** Every error code the server can send, ascending: one series each for exporters. */
  List<Integer> errorCodes();

  /** Inbound packets dropped: malformed, unauthorised Send/ChannelData, over quota, policy. */
  long droppedPackets();
}
