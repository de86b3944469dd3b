package io.swarmrtc.peer.cli;

import io.swarmrtc.peer.SwarmClient;
import java.net.URI;
import picocli.CommandLine.Option;

/** Options every command shares. */
final class ServerOptions {
  @Option(names = {"-s", "--server"}, defaultValue = "http://localhost:8080",
      description = "the swarmrtc server's origin (default: ${DEFAULT-VALUE})")
  URI server;

  SwarmClient client() {
    return builder().build();
  }

  SwarmClient.Builder builder() {
    return SwarmClient.builder(server);
  }
}
