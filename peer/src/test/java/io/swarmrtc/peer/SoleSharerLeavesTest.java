package io.swarmrtc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Issue 6, churn: the only sharer leaves before the download has every piece. The downloader says
 * so (PIECES_UNAVAILABLE), keeps waiting instead of failing, and finishes with correct bytes once a
 * sharer comes back, without fetching what it already had again.
 */
@Tag("netns")
class SoleSharerLeavesTest {
  private static final long SIZE = 8L << 20;
  @TempDir Path tmp;

  @Test
  void aDownloaderWhoseOnlySourceLeftSaysPiecesAreUnavailableAndFinishesWhenASharerReturns() throws Exception {
    Path file = TestFiles.random(Files.createDirectories(tmp.resolve("src")).resolve("half.bin"), SIZE, 11);
    Path out = tmp.resolve("out");
    Notices notices = new Notices();
    try (RealServer server = new RealServer();
         SwarmClient slow = SwarmClient.builder(server.origin()).iceServers(List.of()).uploadRateLimit(2L << 20).build();
         SwarmClient comeback = SwarmClient.builder(server.origin()).iceServers(List.of()).build();
         SwarmClient getter = SwarmClient.builder(server.origin()).iceServers(List.of()).build()) {
      Share first = slow.share(List.of(file));
      try (Download d = getter.download(first.url(), out, notices)) {
        Await.until("some pieces arrived", Duration.ofSeconds(30), () -> d.stats().verifiedPieces() > 0, d::stats);
        first.close();
        notices.await(SwarmNotice.Code.PIECES_UNAVAILABLE, 0, Duration.ofSeconds(20));
        int had = d.stats().verifiedPieces();
        assertTrue(had < d.stats().totalPieces(), "the sharer left before the end: " + d.stats());
        assertFalse(d.completion().isDone(), "still waiting, not failed: " + d.completion());

        Share second = comeback.share(RoomJoin.of(first.room()), List.of(file));
        assertEquals(first.url(), second.url());
        DownloadResult r = d.completion().get(60, TimeUnit.SECONDS);
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(out.resolve("half.bin")));
        int available = notices.await(SwarmNotice.Code.PIECES_AVAILABLE, 0, Duration.ofSeconds(5));
        assertTrue(available > notices.all().indexOf(notices.all().stream()
            .filter(n -> n.code() == SwarmNotice.Code.PIECES_UNAVAILABLE).findFirst().orElseThrow()));
        long pieceSize = SIZE / d.stats().totalPieces();
        assertTrue(r.downloadedBytes() < SIZE + pieceSize * 2L,
            "no restart from zero: received " + r.downloadedBytes() + " of " + SIZE);
      }
    }
  }
}
