package io.swarmrtc.peer.testing;

import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import java.net.URI;

/**
 * The real swarmrtc server in the test JVM, on 127.0.0.1 and an ephemeral port. It advertises no
 * ICE servers: none run in these tests, and peers connect over host candidates in the namespace.
 */
public final class RealServer implements AutoCloseable {
  private final SwarmrtcServer server;

  public RealServer() {
    server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).advertiseIceServers(false).build());
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI origin() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  @Override
  public void close() {
    server.close();
  }
}
