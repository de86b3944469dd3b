package io.swarmrtc.peer.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code share FILE...}: prints the share URL and a QR code, then seeds until Ctrl-C. */
@Command(name = "share", mixinStandardHelpOptions = true,
    description = "Share files or directories: print the share URL and a QR code, then seed until Ctrl-C.",
    footer = ExitCodes.HELP)
final class ShareCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "files or directories to share")
  List<Path> files;

  @Option(names = "--room", description = "the room to share in (default: a new random room)")
  String room;

  @Option(names = "--no-qr", description = "do not print the QR code")
  boolean noQr;

  @Option(names = "--max-upload-rate", defaultValue = "0", paramLabel = "BYTES_PER_SECOND",
      description = "cap the upload rate (default: no cap)")
  long uploadRate;

  private final PrintStream out;

  ShareCommand() {
    this(System.out);
  }

  /** For tests: print to {@code out}. */
  ShareCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    return Seeding.run(server, uploadRate, room, files, !noQr, out);
  }
}
