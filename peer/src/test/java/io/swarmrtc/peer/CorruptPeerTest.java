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

/** A peer that serves corrupt blocks is banned; the download still completes from the honest peer. */
@Tag("netns")
class CorruptPeerTest {
  @TempDir Path tmp;

  @Test
  void aDownloaderBansACorruptingPeerAndFinishesFromTheHonestOne() throws Exception {
    Path file = TestFiles.random(Files.createDirectories(tmp.resolve("src")).resolve("data.bin"), 16L << 20, 7);
    Path out = tmp.resolve("out");
    try (RealServer server = new RealServer();
         SwarmClient honest = SwarmClient.builder(server.origin()).iceServers(List.of()).build();
         SwarmClient liar = SwarmClient.builder(server.origin()).iceServers(List.of())
             .corruptUploadsForTesting(true).build();
         SwarmClient getter = SwarmClient.builder(server.origin()).iceServers(List.of()).build()) {
      // The liar is alone at first, so every piece it serves fails with it as the only contributor
      // and the ban is certain (pieces mixed from both peers give strikes instead; see the report).
      Share bad = liar.share(List.of(file));
      try (Download d = getter.download(bad.url(), out)) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (d.stats().bannedPeers().isEmpty()) {
          assertTrue(System.nanoTime() < deadline, "the liar is banned within 60 s: " + d.stats());
          Thread.sleep(20); // polling the stats with a deadline
        }
        Share good = honest.share(RoomJoin.of(bad.room()), List.of(file));
        assertEquals(good.url(), bad.url(), "same files, same content id");
        d.completion().get(120, TimeUnit.SECONDS);
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(out.resolve("data.bin")));
        assertEquals(List.of(bad.peerId()), d.stats().bannedPeers());
        assertTrue(bad.stats().uploadedBytes() > 0, "the liar did serve blocks");
        assertTrue(d.stats().peers().stream().noneMatch(p -> p.peerId().equals(bad.peerId())),
            "the banned peer is disconnected");
      }
    }
  }
}
