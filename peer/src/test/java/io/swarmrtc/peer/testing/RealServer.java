package io.swarmrtc.peer.testing;

import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import java.net.URI;

/**
 * The real swarmrtc server in the test JVM, on 127.0.0.1 and an ephemeral port. It advertises no
 * ICE servers: none run in these tests, and peers connect over host candidates in the namespace.
 * {@link #stop()} and {@link #restart()} make it go away and come back as a fresh process would, on
 * the same port: everyone it knew is forgotten, resume tokens included.
 */
public final class RealServer implements AutoCloseable {
  private final int port;
  private SwarmrtcServer server;

  public RealServer() {
    server = SwarmrtcServer.start(config(0));
    port = server.port();
  }

  private static ServerConfig config(int port) {
    return ServerConfig.builder().host("127.0.0.1").port(port).advertiseIceServers(false).build();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI origin() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Stops the server: every signaling socket closes. */
  public synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Starts a fresh server on the same port (after {@link #stop()}). */
  public synchronized void restart() {
    stop();
    server = SwarmrtcServer.start(config(port));
  }

  @Override
  public synchronized void close() {
    stop();
  }
}
