package io.swarmrtc.e2e.nat;

import static io.swarmrtc.e2e.nat.HomesWithAServer.awaitIntactDownload;
import static io.swarmrtc.e2e.nat.HomesWithAServer.awaitPeerPath;
import static io.swarmrtc.e2e.nat.HomesWithAServer.awaitVerifiedBytes;
import static io.swarmrtc.e2e.nat.HomesWithAServer.bytesReceived;
import static io.swarmrtc.e2e.nat.HomesWithAServer.openDownload;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
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
 * Issue 6, churn: the direct path between two homes breaks mid-transfer (the internet starts
 * dropping UDP between them; our server stays reachable). ICE moves to our TURN relay and the
 * download finishes intact, going on from where it was: the pieces verified before the break are
 * not fetched again. The download page shows the path to the sharer first as direct, then relayed.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class DirectPathCutMidTransferTest {

  private static final Logger LOG = LoggerFactory.getLogger(DirectPathCutMidTransferTest.class);
  private static final long SIZE = 16L << 20;
  /** ~3 MB/s out of the sharer's home: the transfer takes ~6 s unbroken. */
  private static final int SHARER_UPLINK_KBIT = 24_000;
  private static final Duration STEP = Duration.ofSeconds(60);

  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void whenTheDirectPathIsCutMidTransferTheRelayTakesOverAndNoVerifiedPieceIsFetchedAgain(@TempDir Path files) {
    Path original = TestFiles.random(files, "path-cut-16MiB.bin", SIZE, 62);
    try (HomesWithAServer net = HomesWithAServer.create(browsers, NatMapping.ENDPOINT_INDEPENDENT, 2)) {
      net.throttleUploads(net.home(1), SHARER_UPLINK_KBIT);
      Chromium sharer = net.browser("sharer", net.home(1));
      Chromium downloader = net.browser("downloader", net.home(2));
      openDownload(downloader, net.share(sharer, original));
      awaitPeerPath(downloader, "direct", STEP);
      long verifiedAtCut = awaitVerifiedBytes(downloader, SIZE / 4, STEP);

      long cut = System.nanoTime();
      net.topology().host().iptables("-A", "FORWARD", "-p", "udp", "-j", "DROP");
      awaitPeerPath(downloader, "relayed", STEP);
      LOG.info("cut the direct path at {} verified bytes; the page showed the relayed path {} ms later",
          verifiedAtCut, (System.nanoTime() - cut) / 1_000_000);

      awaitIntactDownload(downloader, original, SIZE, STEP);
      long received = bytesReceived(downloader);
      LOG.info("received {} payload bytes for {}; done {} ms after the cut", received, SIZE, (System.nanoTime() - cut) / 1_000_000);
      assertTrue(received < SIZE + verifiedAtCut,
          "the download went on from where it was: received " + received + " bytes for " + SIZE
              + ", of which " + verifiedAtCut + " were verified before the cut");
      assertTrue(net.server().turnRelayedBytes() > 0, "our TURN relay carried the rest");
    }
  }
}
