package io.swarmrtc.stunturn;

import io.swarmrtc.stunturn.server.EventLoop;
import java.io.IOException;

/**
 * A running STUN/TURN server: Binding over UDP and TCP, TURN allocations relayed over UDP.
 *
 * <pre>{@code
 * try (StunTurnServer turn = StunTurnServer.start(config)) {
 *   int port = turn.udpPort();            // the bound port, also when config asked for 0
 *   long relayed = turn.metrics().relayedBytes();
 * }
 * }</pre>
 */
public final class StunTurnServer implements AutoCloseable {
  private final EventLoop loop;
  private final StunTurnConfig config;

  private StunTurnServer(StunTurnConfig config, EventLoop loop) {
    this.config = config;
    this.loop = loop;
  }

  /** Binds the listeners (failing fast if a port is taken) and starts serving. */
  public static StunTurnServer start(StunTurnConfig config) throws IOException {
    EventLoop loop = new EventLoop(config);
    loop.start();
    return new StunTurnServer(config, loop);
  }

  /** The bound UDP port, or -1 when UDP is disabled. */
  public int udpPort() {
    return loop.udpPort();
  }

  /** The bound TCP port, or -1 when TCP is disabled. */
  public int tcpPort() {
    return loop.tcpPort();
  }

  public StunTurnConfig config() {
    return config;
  }

  public TurnMetrics metrics() {
    return loop.metrics();
  }

  /** Stops serving and closes every socket, including relays. Idempotent. */
  @Override
  public void close() {
    loop.close();
  }
}
