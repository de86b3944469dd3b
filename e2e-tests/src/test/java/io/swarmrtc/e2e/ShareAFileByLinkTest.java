package io.swarmrtc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.app.WebApp;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NetnsGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 4 in real Chromium: one browser shares a 64 MiB file on the share page, a second browser
 * process opens the link, downloads it through the swarm engine (pieces verified with SHA-256,
 * stored in OPFS) and saves it; the saved bytes are the original bytes. A download whose page is
 * reloaded halfway resumes from the pieces already in OPFS.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class ShareAFileByLinkTest {

  private static final Logger LOG = LoggerFactory.getLogger(ShareAFileByLinkTest.class);
  private static final long SIZE = 64L << 20;

  @RegisterExtension final Browsers browsers = new Browsers();
  @TempDir static Path files;
  @RegisterExtension static final WebApp app = WebApp.perTestClass();

  @Test
  void aSixtyFourMebibyteFileSharedInOneBrowserIsSavedIntactByAnother() {
    Path original = TestFiles.random(files, "holiday-64MiB.bin", SIZE, 64);
    Chromium sharer = browsers.start("sharer");
    Chromium downloader = browsers.start("downloader");
    assertNotEquals(sharer.browserPid(), downloader.browserPid(), "two browser processes");

    String link = app.share(sharer, original, Duration.ofSeconds(60));
    long started = System.nanoTime();
    app.openDownload(downloader, link);
    app.awaitDownloaded(downloader, Duration.ofSeconds(120));
    long millis = (System.nanoTime() - started) / 1_000_000;
    Map<?, ?> snapshot = WebApp.snapshot(downloader, "download");
    LOG.info("64 MiB downloaded in {} ms ({} MB/s); snapshot {}", millis, SIZE / 1000 / Math.max(1, millis), snapshot);

    Path saved = app.save(downloader, "holiday-64MiB.bin", SIZE, Duration.ofSeconds(60));
    assertEquals(TestFiles.sha256(original), TestFiles.sha256(saved), "SHA-256 of the saved file");
    List<?> peers = (List<?>) ((Map<?, ?>) snapshot.get("peers")).get("peers");
    Map<?, ?> sharerSeen = (Map<?, ?>) peers.get(0);
    assertEquals(WebApp.peerId(sharer, "share"), sharerSeen.get("peerId"));
    assertEquals(SIZE, ((Number) sharerSeen.get("bytesDown")).longValue(), "every byte came from the sharer, once");
    assertEquals("direct", sharerSeen.get("path"), "the page shows the path to the sharer");
  }

  @Test
  void aDownloadWhosePageIsReloadedHalfwayResumesFromThePiecesAlreadyInBrowserStorage() {
    long size = (32L << 20) + 123_457; // the short last piece is re-verified on resume too
    int pieceSize = 256 * 1024;
    Path original = TestFiles.random(files, "reloaded-32MiB.bin", size, 65);
    Chromium sharer = browsers.start("sharer");
    Chromium downloader = browsers.start("downloader");
    String link = app.share(sharer, original, Duration.ofSeconds(60));
    app.openDownload(downloader, link);
    long heldBytes = ((Number) downloader.waitForJs(
        "const p = swarmrtcApp.download.progress; return p && p.verifiedPieces >= arguments[0] ? p.verifiedBytes : null"
            .replace("arguments[0]", Long.toString(size / pieceSize / 3)),
        "return JSON.stringify(swarmrtcApp.download.snapshot())", Duration.ofSeconds(120), "a third of the pieces")).longValue();

    downloader.js("window.beforeReload = true");
    downloader.driver().navigate().refresh();
    downloader.waitForJs("return !window.beforeReload && !!(window.swarmrtcApp && swarmrtcApp.download)", Duration.ofSeconds(10), "the reloaded page");
    app.awaitDownloaded(downloader, Duration.ofSeconds(120));
    Map<?, ?> snapshot = WebApp.snapshot(downloader, "download");
    long fetchedAfterReload = ((List<?>) ((Map<?, ?>) snapshot.get("peers")).get("peers")).stream()
        .mapToLong(p -> ((Number) ((Map<?, ?>) p).get("bytesDown")).longValue()).sum();
    LOG.info("{} bytes were verified before the reload; fetched {} of {} bytes after it", heldBytes, fetchedAfterReload, size);
    assertTrue(fetchedAfterReload <= size - heldBytes,
        "the reloaded page fetched only what was not stored yet: " + fetchedAfterReload + " bytes");
    assertEquals(TestFiles.sha256(original), TestFiles.sha256(app.save(downloader, "reloaded-32MiB.bin", size, Duration.ofSeconds(60))),
        "SHA-256 of the saved file");
  }
}
