package io.swarmrtc.peer.testing;

import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import java.net.URI;

/** The real swarmrtc server in the test JVM, on 127.0.0.1 and an ephemeral port. */
public final class RealServer implements AutoCloseable {
  private final SwarmrtcServer server;

  public RealServer() {
    server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).build());
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
