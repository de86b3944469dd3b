package io.swarmrtc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.app.WebApp;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.java.JavaPeers;
import io.swarmrtc.peer.Download;
import io.swarmrtc.peer.DownloadResult;
import io.swarmrtc.peer.RoomJoin;
import io.swarmrtc.peer.Share;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java peer and Chromium in the same swarms, on the real server: each downloads what the other
 * shares, a mixed swarm finishes everywhere, and browsers ban a corrupting Java peer.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class JavaAndBrowsersSwarmTest {
  private static final Logger LOG = LoggerFactory.getLogger(JavaAndBrowsersSwarmTest.class);
  private static final Duration SHARE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(180);

  @RegisterExtension final Browsers browsers = new Browsers();
  @TempDir static Path files;
  @TempDir Path javaDir;
  @RegisterExtension static final WebApp app = WebApp.perTestClass();
  private JavaPeers java;

  @BeforeEach
  void startJava() {
    java = new JavaPeers(app);
  }

  @AfterEach
  void stopJava() {
    java.close();
  }

  @Test
  void aJavaPeerDownloadsWhatABrowserShares() throws Exception {
    long size = 32L << 20;
    Path original = TestFiles.random(files, "from-browser.bin", size, 11);
    Chromium sharer = browsers.start("sharer");
    String link = app.share(sharer, original, SHARE_TIMEOUT);

    try (Download d = java.start().download(URI.create(link), javaDir)) {
      DownloadResult r = d.completion().get(DOWNLOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      LOG.info("Java downloaded {} bytes from a browser in {}", r.totalBytes(), r.elapsed());
      assertEquals(List.of(javaDir.resolve("from-browser.bin")), r.files());
      assertEquals(TestFiles.sha256(original), TestFiles.sha256(r.files().get(0)));
      assertEquals(WebApp.peerId(sharer, "share"), d.stats().peers().get(0).peerId());
    }
  }

  @Test
  void aBrowserDownloadsWhatAJavaPeerShares() {
    long size = 32L << 20;
    Path original = TestFiles.random(files, "from-java.bin", size, 12);
    Share share = java.start().share(List.of(original));
    Chromium downloader = browsers.start("downloader");

    app.openDownload(downloader, share.url().toString());
    app.awaitDownloaded(downloader, DOWNLOAD_TIMEOUT);
    assertEquals(TestFiles.sha256(original),
        TestFiles.sha256(app.save(downloader, "from-java.bin", size, Duration.ofSeconds(60))));
    assertEquals(size, share.stats().uploadedBytes(), "the Java sharer sent every byte once");
  }

  @Test
  void aJavaSeederTwoBrowsersAndAJavaDownloaderAllFinish() throws Exception {
    long size = (24L << 20) + 77_777; // a short last piece, which both implementations must agree on
    Path original = TestFiles.random(files, "mixed.bin", size, 13);
    Share seed = java.start().share(List.of(original));
    String link = seed.url().toString();
    List<Chromium> downloaders = List.of(browsers.start("browser1"), browsers.start("browser2"));

    CompletableFuture<?>[] opened = downloaders.stream()
        .map(b -> CompletableFuture.runAsync(() -> app.openDownload(b, link)))
        .toArray(CompletableFuture[]::new);
    try (Download javaDownload = java.start().download(seed.url(), javaDir)) {
      CompletableFuture.allOf(opened).get(60, TimeUnit.SECONDS);
      DownloadResult r = javaDownload.completion().get(DOWNLOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(TestFiles.sha256(original), TestFiles.sha256(r.files().get(0)), "the Java downloader's bytes");
      for (Chromium b : downloaders) {
        app.awaitDownloaded(b, DOWNLOAD_TIMEOUT);
        assertEquals(TestFiles.sha256(original), TestFiles.sha256(app.save(b, "mixed.bin", size, Duration.ofSeconds(60))),
            b.name() + " saved the original bytes");
      }
      LOG.info("mixed swarm: seeder uploaded {} of {} bytes; Java downloader stats {}", seed.stats().uploadedBytes(),
          size, javaDownload.stats());
    }
  }

  @Test
  void browsersBanACorruptingJavaPeerAndFinishFromTheHonestOne() {
    long size = 16L << 20;
    Path original = TestFiles.random(files, "liar.bin", size, 14);
    // The liar is alone at first: every piece it serves fails with it as the only contributor, so
    // each browser bans it at once; then the honest peer joins and the browsers finish from it.
    Share liar = java.startCorrupting().share(List.of(original));
    List<Chromium> victims = List.of(browsers.start("victim1"), browsers.start("victim2"));
    for (Chromium v : victims) {
      app.openDownload(v, liar.url().toString());
    }
    for (Chromium v : victims) {
      v.waitForJs("return swarmrtcApp.download.snapshot().banned.length > 0 || null",
          "return JSON.stringify(swarmrtcApp.download.snapshot())", DOWNLOAD_TIMEOUT, v.name() + " to ban the liar");
    }
    Share honest = java.start().share(RoomJoin.of(liar.room()), List.of(original));
    assertEquals(honest.url(), liar.url(), "same files, same content id");
    for (Chromium v : victims) {
      app.awaitDownloaded(v, DOWNLOAD_TIMEOUT);
      Map<?, ?> snapshot = WebApp.snapshot(v, "download");
      LOG.info("{}: {}", v.name(), snapshot);
      assertEquals(List.of(liar.peerId()), snapshot.get("banned"), v.name() + " banned the Java liar, and only it");
      assertEquals(TestFiles.sha256(original), TestFiles.sha256(app.save(v, "liar.bin", size, Duration.ofSeconds(60))));
    }
    assertTrue(liar.stats().uploadedBytes() > 0, "the liar did send (bad) blocks");
  }
}
