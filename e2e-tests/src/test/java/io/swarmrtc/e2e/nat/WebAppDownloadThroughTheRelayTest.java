package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.app.WebApp;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, case 2 as a user meets it: a 64 MiB file shared on the web app's share page in a home
 * behind a symmetric NAT is downloaded on the download page in another such home, through our TURN
 * relay (the only path); the saved file has the original bytes and the page's peer list shows the
 * path to the sharer as relayed.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class WebAppDownloadThroughTheRelayTest {

  private static final Logger LOG = LoggerFactory.getLogger(WebAppDownloadThroughTheRelayTest.class);
  private static final long SIZE = 64L << 20;
  private static final String NAME = "through-the-relay-64MiB.bin";

  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void aFileSharedBehindOneSymmetricNatIsDownloadedBehindAnotherThroughOurRelayIntact(@TempDir Path files) {
    Path original = TestFiles.random(files, NAME, SIZE, 66);
    try (HomesWithAServer net = HomesWithAServer.create(browsers, NatMapping.ADDRESS_AND_PORT_DEPENDENT, 2)) {
      Chromium sharer = net.browser("sharer", net.home(1));
      Chromium downloader = net.browser("downloader", net.home(2));
      String link = net.share(sharer, original);

      long started = System.nanoTime();
      HomesWithAServer.openDownload(downloader, link);
      WebApp.awaitDownload(downloader, Duration.ofSeconds(150));
      long millis = (System.nanoTime() - started) / 1_000_000;
      LOG.info("64 MiB downloaded through the relay in {} ms ({} MB/s)", millis, SIZE / 1000 / Math.max(1, millis));

      HomesWithAServer.awaitPeerPath(downloader, "relayed", Duration.ofSeconds(15));
      assertTrue(net.server().turnRelayedBytes() >= SIZE, "our TURN relay carried the file");
      HomesWithAServer.awaitIntactDownload(downloader, original, SIZE, Duration.ofSeconds(60));
    }
  }
}
