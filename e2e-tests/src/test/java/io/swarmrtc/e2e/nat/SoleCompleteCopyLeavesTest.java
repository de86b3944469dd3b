package io.swarmrtc.e2e.nat;

import static io.swarmrtc.e2e.nat.HomesWithAServer.awaitIntactDownload;
import static io.swarmrtc.e2e.nat.HomesWithAServer.awaitVerifiedBytes;
import static io.swarmrtc.e2e.nat.HomesWithAServer.openDownload;
import static io.swarmrtc.e2e.nat.HomesWithAServer.verifiedBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, churn: the sharer, the only peer with every piece, stops sharing while two downloaders
 * each have only part of the file. They trade what they have, then say clearly that the remaining
 * pieces are unavailable (PIECES_UNAVAILABLE in the library, phase {@code stalled}, a visible
 * message on the download page) instead of stalling silently. A sharer comes back with the same
 * file (same content id) in the same room, and both finish with the original bytes: the browser,
 * picking the file again on the same share page (same link), or the Java CLI ({@code share --room}).
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class SoleCompleteCopyLeavesTest {

  private static final Logger LOG = LoggerFactory.getLogger(SoleCompleteCopyLeavesTest.class);
  private static final long SIZE = 16L << 20;
  /** ~3 MB/s out of the sharer's home, shared by both downloaders: ~11 s for both to finish unbroken. */
  private static final int SHARER_UPLINK_KBIT = 24_000;
  private static final Duration STEP = Duration.ofSeconds(60);

  @RegisterExtension final Browsers browsers = new Browsers();

  /** Who brings the complete copy back. */
  enum Comeback {
    THE_SHARER_PICKS_THE_FILE_AGAIN_ON_THE_SAME_PAGE,
    THE_JAVA_CLI_SHARES_THE_SAME_FILE_IN_THE_ROOM
  }

  @ParameterizedTest(name = "{0}: the downloaders say pieces are unavailable, then finish intact")
  @EnumSource(Comeback.class)
  void whenTheOnlyCompleteCopyLeavesDownloadersSayPiecesAreUnavailableAndFinishWhenItIsSharedAgain(
      Comeback comeback, @TempDir Path files) {
    Path original = TestFiles.random(files, "sole-copy-16MiB.bin", SIZE, 63);
    try (HomesWithAServer net = HomesWithAServer.create(browsers, NatMapping.ENDPOINT_INDEPENDENT, 2)) {
      net.throttleUploads(net.home(1), SHARER_UPLINK_KBIT);
      Chromium sharer = net.browser("sharer", net.home(1));
      String link = net.share(sharer, original);
      List<Chromium> downloaders = List.of(net.browser("downloader1", net.home(2)), net.browser("downloader2", net.home(2)));
      for (Chromium d : downloaders) {
        openDownload(d, link);
      }
      for (Chromium d : downloaders) {
        awaitVerifiedBytes(d, SIZE / 5, STEP);
      }

      sharer.driver().findElement(By.id("stop-share")).click();
      for (Chromium d : downloaders) {
        awaitUnavailableShown(d);
        Map<?, ?> snapshot = HomesWithAServer.snapshot(d);
        assertEquals("stalled", snapshot.get("phase"), d.name() + " phase");
        LOG.info("{} reports missing pieces unavailable at {} of {} bytes", d.name(), verifiedBytes(d), SIZE);
        assertTrue(verifiedBytes(d) < SIZE, d.name() + " is not done");
      }

      switch (comeback) {
        case THE_SHARER_PICKS_THE_FILE_AGAIN_ON_THE_SAME_PAGE ->
            assertEquals(link, net.shareAgain(sharer, original), "sharing the same file again from the same page gives the same link");
        case THE_JAVA_CLI_SHARES_THE_SAME_FILE_IN_THE_ROOM ->
            assertEquals(link, net.shareWithTheCli(net.home(1), original, roomOf(link), files.resolve("share.log")), "the CLI's link for the same file in the room");
      }
      for (Chromium d : downloaders) {
        awaitIntactDownload(d, original, SIZE, STEP);
        assertEquals(true, d.js("return document.querySelector('#warning').classList.contains('hidden')"),
            d.name() + " no longer shows the warning");
      }
    }
  }

  private static String roomOf(String link) {
    return link.replaceAll(".*[#&]room=([^&]+).*", "$1");
  }

  /**
   * The library reported PIECES_UNAVAILABLE (a warning event, recorded by the page) and the page
   * shows it: a visible warning with that code, and the status in its "bad" tone.
   */
  private static void awaitUnavailableShown(Chromium d) {
    Object text = d.waitForJs("const w = document.querySelector('#warning');"
            + " const s = document.querySelector('#status');"
            + " return w.dataset.code === 'PIECES_UNAVAILABLE' && !w.classList.contains('hidden')"
            + "   && s.dataset.tone === 'bad' && w.textContent",
        "return JSON.stringify({warning: document.querySelector('#warning').outerHTML,"
            + " status: document.querySelector('#status').outerHTML, snapshot: swarmrtcApp.download.snapshot()})",
        Duration.ofSeconds(30), d.name() + " to show that pieces are unavailable");
    LOG.info("{} shows: {}", d.name(), text);
  }
}
