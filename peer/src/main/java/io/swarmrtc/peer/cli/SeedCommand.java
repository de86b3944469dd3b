package io.swarmrtc.peer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Declared now; wired to the swarm engine when it lands. */
@Command(name = "seed", mixinStandardHelpOptions = true, description = "Serve already-downloaded content of a share URL. (not available yet)")
final class SeedCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(index = "0", paramLabel = "URL", description = "the share URL")
  java.net.URI url;

  @Option(names = {"-d", "--dir"}, defaultValue = ".", description = "directory holding the content (default: ${DEFAULT-VALUE})")
  java.nio.file.Path dir;

  @Override
  public Integer call() {
    System.err.println("seed: the swarm engine lands next; not available in this build");
    return 3;
  }
}
