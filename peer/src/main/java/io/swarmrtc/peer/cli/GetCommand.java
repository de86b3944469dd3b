package io.swarmrtc.peer.cli;

import io.swarmrtc.peer.Download;
import io.swarmrtc.peer.DownloadResult;
import io.swarmrtc.peer.SwarmClient;
import io.swarmrtc.peer.ProgressListener;
import io.swarmrtc.peer.SwarmException;
import io.swarmrtc.peer.SwarmNotice;
import io.swarmrtc.peer.TransferStats;
import io.swarmrtc.protocol.swarm.ShareLink;
import io.swarmrtc.protocol.swarm.ShareLinkException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code get URL [-o DIR]}: downloads a share, printing progress; resumes an interrupted download. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Download the content of a share URL into a directory (an interrupted download resumes).",
    footer = ExitCodes.HELP)
final class GetCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "URL", description = "the share URL ({origin}/download.html#room=...&content=...)")
  String url;

  @Option(names = {"-o", "--output"}, defaultValue = ".", paramLabel = "DIR", description = "download directory (default: ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = {"-s", "--server"}, paramLabel = "ORIGIN",
      description = "the swarmrtc server's origin (default: the URL's origin)")
  URI server;

  @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
      description = "give up when nobody shares the content for this long (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Option(names = "--connect-timeout", defaultValue = "30", paramLabel = "SECONDS",
      description = "give up on a peer that is not connected after this long, and say why (default: ${DEFAULT-VALUE})")
  long connectTimeoutSeconds;

  private final PrintStream out;
  private final boolean interactive;

  GetCommand() {
    this(System.out, System.console() != null);
  }

  /** For tests: progress lines (one per second) to {@code output}. */
  GetCommand(OutputStream output, boolean interactive) {
    this.out = output instanceof PrintStream p ? p : new PrintStream(output, true, StandardCharsets.UTF_8);
    this.interactive = interactive;
  }

  @Override
  public Integer call() throws Exception {
    ShareLink link;
    try {
      link = ShareLink.parse(url);
    } catch (ShareLinkException e) {
      throw new SwarmException(SwarmException.Code.BAD_URL, "not a share URL (" + e.getMessage()
          + "); expected {origin}/download.html#room=...&content=...", e);
    }
    URI origin = server != null ? server : URI.create(link.origin());
    ServerProbe.check(origin, Duration.ofSeconds(5));
    Throttle throttle = new Throttle();
    try (SwarmClient client = SwarmClient.builder(origin).sourceTimeout(Duration.ofSeconds(timeoutSeconds))
             .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds)).build();
         Download d = client.download(URI.create(link.format()), dir, throttle)) {
      Thread hook = new Thread(d::close, "swarmrtc-get-interrupted"); // Ctrl-C: save the resume state
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        DownloadResult r = d.completion().get();
        throttle.show(d.stats());
        if (interactive) {
          out.println();
        }
        out.printf("done: %d file(s), %s in %.1f s (%s received from peers) in %s%n", r.files().size(),
            ProgressLine.bytes(r.totalBytes()), r.elapsed().toMillis() / 1000.0, ProgressLine.bytes(r.downloadedBytes()),
            dir.toAbsolutePath().normalize());
        out.println("received-bytes " + r.downloadedBytes());
        return ExitCodes.OK;
      } catch (ExecutionException e) {
        if (interactive) {
          out.println();
        }
        throw e.getCause() instanceof Exception cause ? cause : e;
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running
        }
      }
    }
  }

  /**
   * Prints at most one progress line per second (in place on a terminal, else as lines), a line
   * per peer when its path becomes known or changes, and every notice as it comes.
   */
  private final class Throttle implements ProgressListener {
    private final PeerPathLines paths = new PeerPathLines();
    private long last;
    private String lastLine = "";

    @Override
    public void onProgress(TransferStats s) {
      show(s);
    }

    @Override
    public synchronized void onNotice(SwarmNotice n) {
      say(ProgressLine.notice(n));
    }

    synchronized void show(TransferStats s) {
      paths.update(s.peers()).forEach(this::say);
      long now = System.nanoTime();
      if (now - last < 1_000_000_000L && s.verifiedPieces() != s.totalPieces()) {
        return;
      }
      last = now;
      String line = ProgressLine.download(s);
      if (interactive) {
        out.print("\r" + line + "   ");
        out.flush();
      } else if (!line.equals(lastLine)) { // a log, not a screen: no repeated lines
        out.println(line);
      }
      lastLine = line;
    }

    /** A line of its own; on a terminal, above the progress line, which is then drawn again. */
    private void say(String line) {
      if (interactive) {
        out.print("\r" + " ".repeat(lastLine.length() + 3) + "\r" + line + System.lineSeparator() + lastLine + "   ");
        out.flush();
      } else {
        out.println(line);
      }
    }
  }
}
