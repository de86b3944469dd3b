package io.swarmrtc.peer.cli;

import io.swarmrtc.peer.SwarmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seed DIR}: every file in DIR as one share (paths relative to DIR), seeded until Ctrl-C. */
@Command(name = "seed", mixinStandardHelpOptions = true,
    description = "Share every file in DIR as one multi-file share: print the URL, then seed until Ctrl-C.",
    footer = ExitCodes.HELP)
final class SeedCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(index = "0", paramLabel = "DIR", description = "the directory to share")
  Path dir;

  @Option(names = "--room", description = "the room to share in (default: a new random room)")
  String room;

  @Option(names = "--qr", description = "also print a QR code")
  boolean qr;

  @Option(names = "--max-upload-rate", defaultValue = "0", paramLabel = "BYTES_PER_SECOND",
      description = "cap the upload rate (default: no cap)")
  long uploadRate;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new SwarmException(SwarmException.Code.STORAGE, dir + " is not a directory", null);
    }
    return Seeding.run(server, uploadRate, room, List.of(dir), qr, System.out);
  }
}
