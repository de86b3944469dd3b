package io.swarmrtc.e2e.nat;

import static io.swarmrtc.e2e.nat.HomesWithAServer.awaitIntactDownload;
import static io.swarmrtc.e2e.nat.HomesWithAServer.awaitVerifiedBytes;
import static io.swarmrtc.e2e.nat.HomesWithAServer.bytesReceived;
import static io.swarmrtc.e2e.nat.HomesWithAServer.openDownload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * Issue 6, churn: the signaling server stops mid-transfer and comes back. Data channels do not
 * need it, so the transfer goes on; the browsers reconnect by themselves (with backoff) and, since
 * a fresh server knows no resume token, join the room again under new peer ids, keeping their
 * swarm state; a peer that arrives after the restart finds both and downloads too.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class SignalingServerRestartTest {

  private static final Logger LOG = LoggerFactory.getLogger(SignalingServerRestartTest.class);
  private static final long SIZE = 24L << 20;
  /** ~3 MB/s out of the sharer's home: the transfer takes ~8 s, long enough to restart the server in it. */
  private static final int SHARER_UPLINK_KBIT = 24_000;
  private static final Duration STEP = Duration.ofSeconds(60);

  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void aTransferGoesOnWhileTheServerIsDownAndEveryoneRejoinsWhenItIsBack(@TempDir Path files) {
    Path original = TestFiles.random(files, "server-restart-24MiB.bin", SIZE, 61);
    try (HomesWithAServer net = HomesWithAServer.create(browsers, NatMapping.ENDPOINT_INDEPENDENT, 3)) {
      net.throttleUploads(net.home(1), SHARER_UPLINK_KBIT);
      Chromium sharer = net.browser("sharer", net.home(1));
      Chromium downloader = net.browser("downloader", net.home(2));
      String link = net.share(sharer, original);
      openDownload(downloader, link);
      long verifiedAtStop = awaitVerifiedBytes(downloader, SIZE / 5, STEP);
      String sharerId = peerId(sharer, "share");
      String downloaderId = peerId(downloader, "download");
      downloader.js("const m = swarmrtcApp.download.mesh; window.churnPeers = [[0, m.connectedPeers]];"
          + " const t0 = Date.now(); m.on('peers', (ids) => churnPeers.push([Date.now() - t0, ids]));");

      long stopped = System.nanoTime();
      net.server().stop();
      assertThrows(IOException.class, () -> connect(net.server()), "nothing listens on the server's port");
      awaitSignaling(downloader, "download", "reconnecting");
      awaitServerNotice(downloader, true);
      long whileDown = awaitVerifiedBytes(downloader, verifiedAtStop + (4L << 20), STEP);
      LOG.info("verified {} bytes at the stop, {} while the server was down", verifiedAtStop, whileDown);

      net.server().restart();
      awaitRejoined(sharer, "share", sharerId);
      awaitRejoined(downloader, "download", downloaderId);
      awaitServerNotice(downloader, false);
      LOG.info("both browsers rejoined {} ms after the stop", (System.nanoTime() - stopped) / 1_000_000);

      awaitIntactDownload(downloader, original, SIZE, STEP);
      long received = bytesReceived(downloader);
      assertTrue(received < SIZE + verifiedAtStop,
          "the download went on instead of starting over: received " + received + " bytes of " + SIZE);
      awaitOnlyLinkTo(downloader, peerId(sharer, "share"));
      assertEquals(1L, downloader.js("return Math.min(...churnPeers.map(([, ids]) => ids.length))"),
          "the downloader stayed connected to the sharer throughout: the old connection was retired only once the new one was up;"
              + " connected peers over time (ms): " + downloader.js("return JSON.stringify(churnPeers)"));

      Chromium latecomer = net.browser("latecomer", net.home(3));
      openDownload(latecomer, link);
      awaitIntactDownload(latecomer, original, SIZE, STEP);
      LOG.info("the latecomer downloaded from the rejoined peers; whole test {} ms after the stop",
          (System.nanoTime() - stopped) / 1_000_000);
    }
  }

  /** The browser's peer id in its room ({@code session}: share or download). */
  private static String peerId(Chromium browser, String session) {
    return (String) browser.js("return swarmrtcApp." + session + ".mesh.peerId");
  }

  /** Waits until the browser is joined again, under a new peer id (a fresh server knows no resume token). */
  private static void awaitRejoined(Chromium browser, String session, String oldPeerId) {
    browser.waitForJs("const m = swarmrtcApp." + session + ".mesh;"
            + " return m.signaling.state === 'joined' && m.peerId !== '" + oldPeerId + "'",
        "const m = swarmrtcApp." + session + ".mesh; return m.signaling.state + ' as ' + m.peerId", STEP,
        browser.name() + " to rejoin the room under a new peer id");
  }

  private static void awaitSignaling(Chromium browser, String session, String state) {
    browser.waitForJs("return swarmrtcApp." + session + ".mesh.signaling.state === '" + state + "'",
        "return swarmrtcApp." + session + ".mesh.signaling.state", STEP,
        "the signaling client of " + browser.name() + " to be " + state);
  }

  /** Waits until the page shows (or no longer shows) that it lost the server. */
  private static void awaitServerNotice(Chromium browser, boolean shown) {
    String hidden = "document.getElementById('server-notice').classList.contains('hidden')";
    browser.waitForJs("return " + hidden + " === " + !shown, "return 'hidden: ' + " + hidden, STEP,
        browser.name() + (shown ? " to show" : " to hide") + " its 'lost the connection to the server' notice");
  }

  /** The connection of the old identities was retired for the new one: one link, to the sharer's new id. */
  private static void awaitOnlyLinkTo(Chromium browser, String peerId) {
    browser.waitForJs("const ids = [...swarmrtcApp.download.mesh.links.keys()];"
            + " return ids.length === 1 && ids[0] === '" + peerId + "'",
        "return JSON.stringify([...swarmrtcApp.download.mesh.links.keys()])", STEP,
        browser.name() + " to keep a single link, to the sharer's new identity");
  }

  private static void connect(PublicServer server) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.address(), server.uri("/").getPort()), 2000);
    }
  }
}
