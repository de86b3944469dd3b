package io.swarmrtc.e2e.java;

import io.swarmrtc.e2e.app.WebApp;
import io.swarmrtc.peer.SwarmClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Java peers ({@link SwarmClient}s) on the same server as the browsers of a test, with no ICE
 * servers (host candidates in the test namespace, like the browsers); all closed together.
 */
public final class JavaPeers implements AutoCloseable {
  private final WebApp app;
  private final List<SwarmClient> clients = new ArrayList<>();

  public JavaPeers(WebApp app) {
    this.app = app;
  }

  /** An honest Java peer. */
  public SwarmClient start() {
    return add(SwarmClient.builder(app.uri("")).iceServers(List.of()).build());
  }

  /** A Java peer whose every uploaded block is corrupted (the engine's test hook). */
  public SwarmClient startCorrupting() {
    return add(SwarmClient.builder(app.uri("")).iceServers(List.of()).corruptUploadsForTesting(true).build());
  }

  private SwarmClient add(SwarmClient c) {
    clients.add(c);
    return c;
  }

  @Override
  public void close() {
    clients.forEach(SwarmClient::close);
  }
}
