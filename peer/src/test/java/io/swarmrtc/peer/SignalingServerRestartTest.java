package io.swarmrtc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.testing.Await;
import io.swarmrtc.peer.testing.Notices;
import io.swarmrtc.peer.testing.RealServer;
import io.swarmrtc.peer.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, churn: the signaling server stops mid-transfer and a fresh server process comes back on
 * the same port (so nobody can resume). The Java->Java transfer goes on meanwhile over its peer
 * connection; both peers reconnect by themselves and rejoin; the downloader keeps its connection to
 * the sharer and its swarm state; a new peer joins afterwards and downloads from them.
 */
@Tag("netns")
class SignalingServerRestartTest {
  private static final long SIZE = 16L << 20;
  @TempDir Path tmp;

  @Test
  void aTransferSurvivesASignalingServerRestartAndANewPeerJoinsAfterwards() throws Exception {
    Path file = TestFiles.random(Files.createDirectories(tmp.resolve("src")).resolve("restart.bin"), SIZE, 21);
    Notices notices = new Notices();
    Notices sharerNotices = new Notices();
    try (RealServer server = new RealServer();
         SwarmClient sharer = SwarmClient.builder(server.origin()).iceServers(List.of()).uploadRateLimit(3L << 19).build();
         SwarmClient getter = SwarmClient.builder(server.origin()).iceServers(List.of()).build();
         SwarmClient latecomer = SwarmClient.builder(server.origin()).iceServers(List.of()).build()) {
      Share share = sharer.share(List.of(file), sharerNotices);
      String sharerId = share.peerId();
      try (Download d = getter.download(share.url(), tmp.resolve("out"), notices)) {
        Await.until("the transfer is under way", Duration.ofSeconds(30), () -> d.stats().verifiedPieces() > 0, d::stats);

        server.stop();
        notices.await(SwarmNotice.Code.SIGNALING_LOST, 0, Duration.ofSeconds(15));
        int atStop = d.stats().verifiedPieces();
        Await.until("pieces keep arriving without the server", Duration.ofSeconds(20),
            () -> d.stats().verifiedPieces() >= atStop + 4, d::stats);

        server.restart();
        notices.await(SwarmNotice.Code.SIGNALING_RESTORED, 0, Duration.ofSeconds(20));
        int lost = sharerNotices.await(SwarmNotice.Code.SIGNALING_LOST, 0, Duration.ofSeconds(5));
        sharerNotices.await(SwarmNotice.Code.SIGNALING_RESTORED, lost, Duration.ofSeconds(20));
        assertTrue(d.stats().peers().stream().anyMatch(p -> p.peerId().equals(sharerId)),
            "the connection to the sharer is kept: " + d.stats());

        try (Download late = latecomer.download(share.url(), tmp.resolve("late"))) {
          late.completion().get(90, TimeUnit.SECONDS);
          assertEquals(TestFiles.sha256(file), TestFiles.sha256(tmp.resolve("late").resolve("restart.bin")));
        }
        DownloadResult r = d.completion().get(60, TimeUnit.SECONDS);
        List<PeerStats> peers = d.stats().peers();
        assertTrue(peers.stream().anyMatch(p -> p.peerId().equals(sharerId)) && peers.size() <= 2,
            "still the one connection to the sharer (plus the latecomer), no second one: " + peers);
        assertTrue(notices.all().stream().noneMatch(n -> n.code() == SwarmNotice.Code.PIECES_UNAVAILABLE),
            "the sharer never went missing: " + notices.all());
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(tmp.resolve("out").resolve("restart.bin")));
        assertTrue(r.downloadedBytes() < SIZE + (SIZE >> 2), "no restart from zero: received " + r.downloadedBytes());
      }
    }
  }
}
