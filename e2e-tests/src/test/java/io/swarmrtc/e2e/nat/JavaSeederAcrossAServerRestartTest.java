package io.swarmrtc.e2e.nat;

import static io.swarmrtc.e2e.nat.HomesWithAServer.awaitIntactDownload;
import static io.swarmrtc.e2e.nat.HomesWithAServer.awaitVerifiedBytes;
import static io.swarmrtc.e2e.nat.HomesWithAServer.bytesReceived;
import static io.swarmrtc.e2e.nat.HomesWithAServer.openDownload;
import static io.swarmrtc.e2e.nat.HomesWithAServer.readLog;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, churn across implementations: a browser downloads from a Java seeder (the CLI) while the
 * signaling server stops and comes back. The transfer goes on without the server; both rejoin under
 * new ids; and the browser ends with one connection to the Java peer. (A browser recognises its own
 * kind by DTLS fingerprint, but the Java peer uses a certificate per connection: it announces its
 * new id on the connection it kept, and the browser retires that one once the new one is up.)
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class JavaSeederAcrossAServerRestartTest {

  private static final Logger LOG = LoggerFactory.getLogger(JavaSeederAcrossAServerRestartTest.class);
  private static final long SIZE = 16L << 20;
  /** ~3 MB/s out of the seeder's home: long enough to restart the server in the middle. */
  private static final int SEEDER_UPLINK_KBIT = 24_000;
  private static final Duration STEP = Duration.ofSeconds(60);

  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void aBrowserKeepsDownloadingFromAJavaSeederWhileTheServerRestartsAndEndsWithOneConnectionToIt(@TempDir Path files) {
    Path original = TestFiles.random(files, "java-seeder-restart-16MiB.bin", SIZE, 71);
    try (HomesWithAServer net = HomesWithAServer.create(browsers, NatMapping.ENDPOINT_INDEPENDENT, 2)) {
      net.throttleUploads(net.home(1), SEEDER_UPLINK_KBIT);
      Path log = files.resolve("share.log");
      String link = net.shareWithTheCli(net.home(1), original, "java-seeder-restart", log);
      Chromium downloader = net.browser("downloader", net.home(2));
      openDownload(downloader, link);
      long verifiedAtStop = awaitVerifiedBytes(downloader, SIZE / 5, STEP);

      net.server().stop();
      long whileDown = awaitVerifiedBytes(downloader, verifiedAtStop + (2L << 20), STEP);
      LOG.info("verified {} bytes at the stop, {} while the server was down", verifiedAtStop, whileDown);
      net.server().restart();

      Poll.until("the Java seeder to report that signaling is back (log " + log + ")", STEP,
          () -> readLog(log).contains("SIGNALING_RESTORED") ? Optional.of(true) : Optional.empty());
      awaitIntactDownload(downloader, original, SIZE, STEP);
      long received = bytesReceived(downloader);
      assertTrue(received < SIZE + verifiedAtStop,
          "the download went on instead of starting over: received " + received + " bytes of " + SIZE);
      downloader.waitForJs("const m = swarmrtcApp.download.mesh;"
              + " return m.signaling.state === 'joined' && m.links.size === 1 && m.connectedPeers.length === 1",
          "const m = swarmrtcApp.download.mesh; return m.signaling.state + ' ' + JSON.stringify([...m.links.keys()])"
              + " + ' connected ' + JSON.stringify(m.connectedPeers)",
          STEP, "the browser to keep one connection to the Java seeder, under its new id");
      LOG.info("Java seeder's log:\n{}", readLog(log));
    }
  }
}
