package io.swarmrtc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.testing.RealServer;
import io.swarmrtc.peer.testing.TestFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Java peer shares through the real server and another Java peer downloads, bytes verified. */
@Tag("netns")
class JavaToJavaTransferTest {
  @TempDir Path tmp;

  @Test
  void aSixtyFourMebibyteFileArrivesByteForByte() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("src"));
    Path file = TestFiles.random(source.resolve("big.bin"), 64L << 20, 42);
    Path out = tmp.resolve("out");
    try (RealServer server = new RealServer();
         SwarmClient sharer = SwarmClient.builder(server.origin()).iceServers(List.of()).build();
         SwarmClient getter = SwarmClient.builder(server.origin()).iceServers(List.of()).build()) {
      Share share = sharer.share(List.of(file));
      URI url = share.url();
      assertTrue(url.toString().startsWith(server.origin() + "/download.html#room=" + share.room() + "&content="),
          url.toString());
      try (Download d = getter.download(url, out)) {
        DownloadResult r = d.completion().get(120, TimeUnit.SECONDS);
        assertEquals(List.of(out.resolve("big.bin")), r.files());
        assertEquals(64L << 20, r.totalBytes());
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(out.resolve("big.bin")));
        assertTrue(d.stats().peers().stream().allMatch(p -> p.route() != PeerStats.Route.RELAYED));
      }
      assertFalse(Files.exists(out.resolve(share.contentId() + ".swarmrtc-manifest")), "no sidecar left");
      assertEquals(List.of(out.resolve("big.bin")), listFiles(out));
    }
  }

  private static List<Path> listFiles(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
