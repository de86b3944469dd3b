package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertAll;
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
 * Issue 6, case 4 between a browser and the Java peer: a browser shares a file from a home behind
 * a symmetric NAT, {@code swarmrtc-peer get} runs in another such home, and the TURN server rejects
 * the credentials the signaling server hands out (signed with another secret: see {@link
 * TurnCredentialsRejectedTest} for why that is how they go bad). Only the relay could connect the
 * two, so the CLI must say that the TURN server rejected its credentials and exit with a non-zero
 * code within its timeout, instead of hanging at "waiting for the manifest".
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class TurnCredentialsRejectedJavaPeerTest {

  private static final Logger LOG = LoggerFactory.getLogger(TurnCredentialsRejectedJavaPeerTest.class);
  private static final String NAME = "never-arrives.bin";
  /** The CLI's --connect-timeout: how long a connection may take before the CLI names why it did not come up. */
  private static final int CONNECT_TIMEOUT_SECONDS = 15;
  /** The CLI's --timeout: longer than the connect timeout, so the cause is known by then. */
  private static final int GET_TIMEOUT_SECONDS = 20;

  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void theCliSaysTheTurnServerRejectedItsCredentialsAndExitsWithUnreachable(@TempDir Path files) throws Exception {
    Path original = TestFiles.random(files, NAME, 1L << 20, 68);
    Path out = Files.createDirectories(files.resolve("out"));
    try (HomesWithAServer net = HomesWithAServer.create(browsers, NatMapping.ADDRESS_AND_PORT_DEPENDENT, 2,
        address -> PublicServer.withSeparateTurn(address, b -> b.turnSecret("not-the-turn-servers-secret")))) {
      String link = net.share(net.browser("sharer", net.home(1)), original);

      Path log = files.resolve("get.log");
      List<String> cmd = new ArrayList<>(JavaPeerProcess.javaCommand());
      cmd.addAll(List.of(SwarmCli.class.getName(), "get", link, "-o", out.toString(),
          "--timeout", Integer.toString(GET_TIMEOUT_SECONDS),
          "--connect-timeout", Integer.toString(CONNECT_TIMEOUT_SECONDS)));
      long started = System.nanoTime();
      Process get = net.home(2).home().start(log, cmd.toArray(String[]::new));
      boolean ended = get.waitFor(GET_TIMEOUT_SECONDS + 50, TimeUnit.SECONDS);
      String output = read(log);
      LOG.info("get ended in {} ms with {}:\n{}", (System.nanoTime() - started) / 1_000_000,
          ended ? get.exitValue() : "a timeout", output);
      assertTrue(ended, "the CLI hung:\n" + output);
      assertAll("CLI output:\n" + output,
          () -> assertEquals(6, get.exitValue(), "exit code 6: no connection to the peers sharing it came up"),
          () -> assertTrue(output.lines().anyMatch(l -> l.startsWith("notice PEER_UNREACHABLE")
              && l.contains("TURN_CREDENTIALS_REJECTED")), "a notice line names the cause as soon as it is known"),
          () -> assertTrue(output.lines().anyMatch(l -> l.startsWith("error: UNREACHABLE")
              && l.contains("rejected our credentials")), "the final error names the cause"));
      assertTrue(net.server().turnErrors(401) > 0, "our TURN server answered 401");
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
