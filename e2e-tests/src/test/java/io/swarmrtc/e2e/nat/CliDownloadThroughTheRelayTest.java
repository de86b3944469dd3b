package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.peer.cli.SwarmCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, case 2 with the Java CLI: {@code swarmrtc-peer get URL} in a home behind a symmetric NAT
 * downloads what a browser behind another symmetric NAT shares on the web app, through our TURN
 * relay; the saved file is identical, the CLI's progress line counts the peer as relayed and a
 * line of its own shows that peer's path (relayed, with both candidate types).
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class CliDownloadThroughTheRelayTest {

  private static final Logger LOG = LoggerFactory.getLogger(CliDownloadThroughTheRelayTest.class);
  private static final long SIZE = 16L << 20;
  private static final String NAME = "cli-through-the-relay-16MiB.bin";

  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void theCliBehindASymmetricNatDownloadsABrowsersShareThroughOurRelayAndSaysSo(@TempDir Path files) throws Exception {
    Path original = TestFiles.random(files, NAME, SIZE, 67);
    Path out = Files.createDirectories(files.resolve("out"));
    try (HomesWithAServer net = HomesWithAServer.create(browsers, NatMapping.ADDRESS_AND_PORT_DEPENDENT, 2)) {
      String link = net.share(net.browser("sharer", net.home(1)), original);

      Path log = files.resolve("get.log");
      List<String> cmd = new ArrayList<>(JavaPeerProcess.javaCommand());
      cmd.addAll(List.of(SwarmCli.class.getName(), "get", link, "-o", out.toString(), "--timeout", "60"));
      long started = System.nanoTime();
      Process get = net.home(2).home().start(log, cmd.toArray(String[]::new));
      boolean ended = get.waitFor(120, TimeUnit.SECONDS);
      String output = read(log);
      LOG.info("get ended in {} ms with {}:\n{}", (System.nanoTime() - started) / 1_000_000,
          ended ? get.exitValue() : "a timeout", output);
      assertTrue(ended, "the CLI did not finish:\n" + output);
      assertEquals(0, get.exitValue(), "CLI exit code:\n" + output);
      assertEquals(TestFiles.sha256(original), TestFiles.sha256(out.resolve(NAME)), "SHA-256 of the downloaded file");
      assertTrue(output.lines().anyMatch(l -> l.contains("peers 1 (0 direct, 1 relayed)")),
          "a progress line counts the sharer as relayed:\n" + output);
      String type = "(relay|host|srflx|prflx)";
      assertTrue(output.lines().anyMatch(l -> l.matches("peer \\S+: relayed \\(" + type + " -> " + type + ", (udp|tcp)\\)")),
          "a line names the sharer's path as relayed, with both candidate types:\n" + output);
      assertTrue(net.server().turnRelayedBytes() >= SIZE, "our TURN relay carried the file");
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
