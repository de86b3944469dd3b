package io.swarmrtc.peer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Declared now; wired to the swarm engine when it lands. */
@Command(name = "share", mixinStandardHelpOptions = true, description = "Share FILES in ROOM and print the share URL. (not available yet)")
final class ShareCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(index = "0", paramLabel = "ROOM", description = "the room to share in")
  String room;

  @Parameters(index = "1..*", paramLabel = "FILES", description = "files or directories to share")
  java.util.List<java.nio.file.Path> files;

  @Override
  public Integer call() {
    System.err.println("share: the swarm engine lands next; not available in this build");
    return 3;
  }
}
