package io.swarmrtc.stunturn.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * coturn's own client tools (Debian package {@code coturn}) as interop peers: run a
 * {@code turnutils_*} command to completion, start a {@code turnutils_peer} echo peer, and read
 * {@code turnutils_uclient}'s message totals. Shared with the server module's tests (test-jar).
 */
public final class Coturn {
  private static final Pattern TOTALS =
      Pattern.compile("tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)");
  private static final long RUN_TIMEOUT_SECONDS = 60;

  private Coturn() {}

  /** Whether every named binary is on the PATH (tests assume this, they never install). */
  public static boolean installed(String... binaries) {
    for (String binary : binaries) {
      if (!onPath(binary)) {
        return false;
      }
    }
    return true;
  }

  /** Runs {@code cmd} to completion (at most 60 s) and returns its combined output. */
  public static String run(List<String> cmd) throws IOException, InterruptedException {
    Path log = Files.createTempFile("turnutils", ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(cmd.get(0) + " did not finish in " + RUN_TIMEOUT_SECONDS
            + " s:\n" + Files.readString(log));
      }
      return Files.readString(log, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The last "messages sent / received" totals turnutils_uclient printed, or null if none. */
  public static Totals uclientTotals(String output) {
    Matcher m = TOTALS.matcher(output);
    Totals last = null;
    while (m.find()) {
      last = new Totals(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return last;
  }

  /** Message totals of one turnutils_uclient run. */
  public record Totals(int sent, int received) {}

  /** A turnutils_peer echoing UDP on a free 127.0.0.1 port until closed. */
  public static EchoPeer startEchoPeer() throws IOException {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process p = new ProcessBuilder("turnutils_peer", "-L", "127.0.0.1", "-p", String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return new EchoPeer(p, port);
  }

  /** A running turnutils_peer; {@link #close()} stops it. */
  public record EchoPeer(Process process, int port) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static boolean onPath(String binary) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }
}
