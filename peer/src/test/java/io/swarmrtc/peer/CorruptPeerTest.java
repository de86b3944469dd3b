package io.swarmrtc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.testing.RealServer;
import io.swarmrtc.peer.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that serves corrupt blocks alongside an honest one is banned; the honest one never is, and
 * the download completes with the right bytes.
 */
@Tag("netns")
class CorruptPeerTest {
  @TempDir Path tmp;

  @Test
  void aDownloaderBansACorruptingPeerAndFinishesFromTheHonestOne() throws Exception {
    Path file = TestFiles.random(Files.createDirectories(tmp.resolve("src")).resolve("data.bin"), 16L << 20, 7);
    Path out = tmp.resolve("out");
    // Both sharers are there from the start, so pieces mix blocks from both. The honest one is
    // slowed down so the download lasts seconds and the liar is certainly asked for blocks.
    try (RealServer server = new RealServer();
         SwarmClient honest = SwarmClient.builder(server.origin()).iceServers(List.of())
             .uploadRateLimit(4_000_000).build();
         SwarmClient liar = SwarmClient.builder(server.origin()).iceServers(List.of())
             .corruptUploadsForTesting(true).build();
         SwarmClient getter = SwarmClient.builder(server.origin()).iceServers(List.of()).build()) {
      Share good = honest.share(List.of(file));
      Share bad = liar.share(RoomJoin.of(good.room()), List.of(file));
      assertEquals(good.url(), bad.url(), "same files, same content id");
      try (Download d = getter.download(good.url(), out)) {
        d.completion().get(120, TimeUnit.SECONDS);
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(out.resolve("data.bin")));
        assertEquals(List.of(bad.peerId()), d.stats().bannedPeers(), "the liar is banned, the honest peer never");
        assertTrue(bad.stats().uploadedBytes() > 0, "the liar did serve blocks");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (d.stats().peers().stream().anyMatch(p -> p.peerId().equals(bad.peerId()))) {
          assertTrue(System.nanoTime() < deadline, "the banned peer is disconnected: " + d.stats());
          Thread.sleep(20); // polling the stats with a deadline (GOODBYE leaves before the close)
        }
      }
    }
  }
}
