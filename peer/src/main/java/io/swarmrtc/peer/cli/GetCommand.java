package io.swarmrtc.peer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Declared now; wired to the swarm engine when it lands. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Download the content of a share URL into a directory. (not available yet)")
final class GetCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(index = "0", paramLabel = "URL", description = "the share URL")
  java.net.URI url;

  @Option(names = {"-o", "--output"}, defaultValue = ".", description = "download directory (default: ${DEFAULT-VALUE})")
  java.nio.file.Path dir;

  @Override
  public Integer call() {
    System.err.println("get: the swarm engine lands next; not available in this build");
    return 3;
  }
}
