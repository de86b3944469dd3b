package io.swarmrtc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.app.WebApp;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NetnsGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swarms of separate Chromium processes on the web app's pages: downloaders trade pieces among
 * themselves, a peer serving corrupt pieces is banned, and a swarm outlives its sharer.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class SwarmOfBrowsersTest {

  private static final Logger LOG = LoggerFactory.getLogger(SwarmOfBrowsersTest.class);
  private static final Duration SHARE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(120);

  @RegisterExtension final Browsers browsers = new Browsers();
  @TempDir static Path files;
  @RegisterExtension static final WebApp app = WebApp.perTestClass();

  @Test
  void threeDownloadersThatStartTogetherAllFinishAndFetchPiecesFromEachOther() {
    long size = (24L << 20) + 99_991; // a short last piece, as real files have
    Path original = TestFiles.random(files, "three.bin", size, 3);
    Chromium sharer = browsers.start("sharer");
    List<Chromium> downloaders = startBrowsers("downloader", 3);
    String link = app.share(sharer, original, SHARE_TIMEOUT);
    String sharerId = WebApp.peerId(sharer, "share");

    openTogether(downloaders, link);
    long fromOtherDownloaders = 0;
    for (Chromium d : downloaders) {
      app.awaitDownloaded(d, DOWNLOAD_TIMEOUT);
      Map<String, Long> received = bytesReceivedByPeer(d);
      LOG.info("{} received bytes by peer: {} (sharer {})", d.name(), received, sharerId);
      fromOtherDownloaders += received.entrySet().stream()
          .filter(e -> !e.getKey().equals(sharerId)).mapToLong(Map.Entry::getValue).sum();
    }
    for (Chromium d : downloaders) {
      assertEquals(TestFiles.sha256(original), TestFiles.sha256(app.save(d, "three.bin", size, Duration.ofSeconds(30))),
          d.name() + " saved the original bytes");
    }
    assertTrue(fromOtherDownloaders > 0, "downloaders received pieces from each other, not only from the sharer");
  }

  @Test
  void aPeerThatServesCorruptPiecesIsBannedAndTheDownloadFinishesFromHonestPeers() {
    long size = 16L << 20;
    Path original = TestFiles.random(files, "corrupt.bin", size, 4);
    Chromium sharer = browsers.start("sharer");
    Chromium liar = browsers.start("liar");
    Chromium victim = browsers.start("victim");
    String link = app.share(sharer, original, SHARE_TIMEOUT);
    app.openDownload(liar, link);
    app.awaitDownloaded(liar, DOWNLOAD_TIMEOUT);
    liar.js("window.swarmrtcTest = {corruptUploads: true}"); // TEST HOOK (client-js swarm-engine/test-hooks.js)
    String liarId = WebApp.peerId(liar, "download");

    app.openDownload(victim, link);
    app.awaitDownloaded(victim, DOWNLOAD_TIMEOUT);
    Map<?, ?> snapshot = WebApp.snapshot(victim, "download");
    LOG.info("victim: {}", snapshot);
    assertEquals(List.of(liarId), snapshot.get("banned"), "the victim banned the liar, and only the liar");
    assertTrue(bytesReceivedByPeer(victim).getOrDefault(liarId, 0L) > 0, "the liar did send (bad) pieces");
    assertEquals("PIECE_VERIFICATION_FAILED", victim.js("return document.querySelector('#warning').dataset.code"),
        "the page said a piece failed verification");
    assertEquals(TestFiles.sha256(original), TestFiles.sha256(app.save(victim, "corrupt.bin", size, Duration.ofSeconds(30))));
  }

  /**
   * Rarest-first picking and fresh-pieces-first serving spread the sharer's pieces over the
   * downloaders: the sharer closes its page the moment the downloaders together hold every piece
   * (judged from their HAVEs). Each downloader's page records the pieces it holds the moment it
   * learns the sharer left (its GOODBYE closes the channel): together they hold every piece, and
   * all but at most one still lack pieces; all finish from each other. At most one, because the
   * piece that completes the union arrives at one downloader, and a fast one may hold all the others
   * by then (seen in about one run in three here: [128, 98, 95]).
   */
  @Test
  void whenTheSharerLeavesWhileTheDownloadersTogetherHoldEveryPieceAllStillFinish() {
    long size = 32L << 20;
    int pieceCount = (int) (size / (256 * 1024));
    Path original = TestFiles.random(files, "leaves.bin", size, 5);
    Chromium sharer = browsers.start("sharer");
    List<Chromium> downloaders = startBrowsers("downloader", 3);
    String link = app.share(sharer, original, SHARE_TIMEOUT);
    String sharerId = WebApp.peerId(sharer, "share");

    // The sharer's page checks, on every piece a downloader announces (HAVE), whether together
    // they hold every piece, and closes the share at that very moment (no WebDriver lag).
    sharer.js("""
        const share = swarmrtcApp.share;
        window.leftWith = null;
        const bytes = (hex) => hex.match(/../g).map((h) => parseInt(h, 16));
        const count = (bs) => bs.reduce((n, x) => { for (; x; x &= x - 1) n++; return n; }, 0);
        share.transfer.on('peer-content', () => {
          const peers = share.transfer.describe().peers.filter((p) => p.pieces);
          if (window.leftWith || peers.length < arguments[0]) return;
          const union = peers.map((p) => bytes(p.pieces)).reduce((a, b) => a.map((x, i) => x | b[i]));
          if (count(union) < share.progress.pieceCount) return;
          window.leftWith = peers.map((p) => count(bytes(p.pieces)));
          share.close();
        });
        """, downloaders.size());
    openTogether(downloaders, link);
    for (Chromium d : downloaders) {
      d.call("""
          const session = swarmrtcApp.download;
          window.whenSharerLeft = null;
          const watch = (peerId, channel) => {
            if (peerId === arguments[0]) channel.on('close', () => { window.whenSharerLeft ??= session.transfer.describe().pieces; });
          };
          for (const [peerId, channel] of session.mesh.channels('swarm')) watch(peerId, channel);
          session.mesh.on('channel', ({ peerId, label, channel }) => { if (label === 'swarm') watch(peerId, channel); });
          """, Duration.ofSeconds(10), sharerId);
    }
    Object leftWith = sharer.waitForJs("return window.leftWith", DOWNLOAD_TIMEOUT, "the downloaders to hold every piece together");
    sharer.driver().get("about:blank"); // and closes the page
    List<BitSet> held = downloaders.stream().map(d -> pieces((String) d.waitForJs("return window.whenSharerLeft",
        Duration.ofSeconds(30), d.name() + " to see the sharer leave"))).toList();
    LOG.info("the sharer left when, by their HAVEs, the downloaders held {} pieces; by their own pages {} of {}",
        leftWith, held.stream().map(BitSet::cardinality).toList(), pieceCount);
    BitSet union = new BitSet();
    held.forEach(union::or);
    assertEquals(pieceCount, union.cardinality(), "together the downloaders held every piece when the sharer left");
    assertTrue(held.stream().filter(h -> h.cardinality() < pieceCount).count() >= downloaders.size() - 1,
        "all but at most one downloader still needed pieces from the others when the sharer left: "
            + held.stream().map(BitSet::cardinality).toList());

    for (Chromium d : downloaders) {
      app.awaitDownloaded(d, DOWNLOAD_TIMEOUT);
      assertEquals(TestFiles.sha256(original), TestFiles.sha256(app.save(d, "leaves.bin", size, Duration.ofSeconds(30))),
          d.name() + " saved the original bytes");
    }
  }

  /** A BITFIELD in hex (most significant bit of the first byte = piece 0) as a set of pieces. */
  private static BitSet pieces(String hex) {
    BitSet set = new BitSet();
    for (int i = 0; i < hex.length() / 2; i++) {
      int b = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
      for (int bit = 0; bit < 8; bit++) {
        if ((b & (0x80 >>> bit)) != 0) {
          set.set(8 * i + bit);
        }
      }
    }
    return set;
  }

  @Test
  void aMalformedLinkSaysSoOnThePage() {
    Chromium browser = browsers.start("visitor");
    browser.open(app.uri("/download.html#room=no%20spaces&content=1234"));
    Object code = browser.waitForJs("return document.querySelector('#error').dataset.code || null",
        Duration.ofSeconds(10), "the page to show an error");
    assertEquals("BAD_LINK", code);
  }

  private List<Chromium> startBrowsers(String prefix, int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> browsers.start(prefix + i)).toList();
  }

  /** Opens the link in every browser at about the same time. */
  private static void openTogether(List<Chromium> downloaders, String link) {
    CompletableFuture.allOf(downloaders.stream()
        .map(d -> CompletableFuture.runAsync(() -> app.openDownload(d, link)))
        .toArray(CompletableFuture[]::new)).join();
  }

  private static Map<String, Long> bytesReceivedByPeer(Chromium downloader) {
    List<?> peers = (List<?>) ((Map<?, ?>) WebApp.snapshot(downloader, "download").get("peers")).get("peers");
    Map<String, Long> out = new java.util.TreeMap<>();
    for (Object p : peers) {
      Map<?, ?> peer = (Map<?, ?>) p;
      out.put((String) peer.get("peerId"), ((Number) peer.get("bytesDown")).longValue());
    }
    return out;
  }
}
