package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.Home;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Poll;
import io.swarmrtc.e2e.harness.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
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
    try (Topology t = Topology.create()) {
      Home home1 = t.home(1, NatMapping.ADDRESS_AND_PORT_DEPENDENT);
      Home home2 = t.home(2, NatMapping.ADDRESS_AND_PORT_DEPENDENT);
      try (PublicServer server = PublicServer.start(home1.gateway())) {
        Chromium sharer = browsers.start("sharer", b -> b.inNamespace(home1.home().name())
            .args("--unsafely-treat-insecure-origin-as-secure=" + server.origin()));
        Chromium downloader = browsers.start("downloader", b -> b.inNamespace(home2.home().name())
            .args("--unsafely-treat-insecure-origin-as-secure=" + server.origin()));

        String link = share(sharer, server, original);

        long started = System.nanoTime();
        downloader.open(URI.create(link));
        Object phase = downloader.waitForJs(
            "const s = window.swarmrtcApp && swarmrtcApp.download && swarmrtcApp.download.snapshot();"
                + " return s && (s.phase === 'done' || s.error) ? (s.error || 'done') : null",
            "return JSON.stringify(swarmrtcApp.download && swarmrtcApp.download.snapshot())",
            Duration.ofSeconds(150), "the download to finish");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("done", phase, "download page outcome");
        LOG.info("64 MiB downloaded through the relay in {} ms ({} MB/s)", millis, SIZE / 1000 / Math.max(1, millis));

        Object path = downloader.waitForJs(
            "const li = document.querySelector('#peer-list li[data-connected=\"true\"]'); return li && li.dataset.path !== 'unknown' && li.dataset.path",
            "return document.querySelector('#peer-list').outerHTML", Duration.ofSeconds(15), "the peer list to show the path");
        assertEquals("relayed", path, "the download page shows the path to the sharer");
        assertTrue(server.turnRelayedBytes() >= SIZE, "our TURN relay carried the file");

        downloader.call("await swarmrtcApp.download.save({picker: false})", Duration.ofSeconds(10));
        Path saved = awaitSaved(downloader, Duration.ofSeconds(60));
        assertEquals(TestFiles.sha256(original), TestFiles.sha256(saved), "SHA-256 of the saved file");
      }
    }
  }

  /** Shares {@code file} on the web app's share page in {@code sharer}; returns the link it shows. */
  static String share(Chromium sharer, PublicServer server, Path file) {
    sharer.open(server.uri("/"));
    sharer.waitForJs("return document.querySelector('#file-input') !== null", Duration.ofSeconds(15), "the share page");
    sharer.driver().findElement(By.id("file-input")).sendKeys(file.toString());
    String link = (String) sharer.waitForJs("return document.querySelector('#share-link').value || null",
        "return JSON.stringify(swarmrtcApp.share && swarmrtcApp.share.snapshot())", Duration.ofSeconds(60), "the share link");
    assertTrue(link.startsWith(server.origin() + "/"), "the link points at the server's origin: " + link);
    return link;
  }

  private static Path awaitSaved(Chromium browser, Duration timeout) {
    Path saved = browser.downloadDir().resolve(NAME);
    return Poll.until(NAME + " saved in " + browser.downloadDir(), timeout, () -> {
      try {
        boolean complete = Files.isRegularFile(saved) && Files.size(saved) == SIZE
            && !Files.exists(browser.downloadDir().resolve(NAME + ".crdownload"));
        return complete ? Optional.of(saved) : Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
