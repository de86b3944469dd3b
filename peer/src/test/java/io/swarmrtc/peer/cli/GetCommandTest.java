package io.swarmrtc.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.Share;
import io.swarmrtc.peer.SwarmClient;
import io.swarmrtc.peer.testing.RealServer;
import io.swarmrtc.peer.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code get} against the real server: a download with progress lines, and a share nobody serves. */
@Tag("netns")
class GetCommandTest {
  @TempDir Path tmp;

  @Test
  void getDownloadsAShareIntoTheOutputDirectoryAndExitsWithZero() throws Exception {
    Path file = TestFiles.random(Files.createDirectories(tmp.resolve("src")).resolve("notes.bin"), (3L << 20) + 4_321, 5); // a short last piece
    Path out = tmp.resolve("out");
    try (RealServer server = new RealServer();
         SwarmClient sharer = SwarmClient.builder(server.origin()).iceServers(List.of()).build()) {
      Share share = sharer.share(List.of(file));
      CliRun run = CliRun.get(share.url().toString(), "-o", out.toString());
      assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(out.resolve("notes.bin")));
      assertTrue(run.out().contains("100.0%  3.0 MiB / 3.0 MiB  pieces 13/13"), run.out());
      assertTrue(run.out().contains("done: 1 file(s), 3.0 MiB"), run.out());
    }
  }

  @Test
  void getGivesUpWithExitCodeFourWhenNobodySharesTheContent() throws Exception {
    try (RealServer server = new RealServer()) {
      String url = server.origin() + "/download.html#room=empty-room&content=" + "cd".repeat(32);
      CliRun run = CliRun.get(url, "-o", tmp.toString(), "--timeout", "2");
      assertEquals(ExitCodes.NO_SOURCE, run.exitCode(), run.out() + run.err());
      assertEquals("error: NO_SOURCE: nobody shared this content within 2 s", run.err().strip());
      try (var files = Files.list(tmp)) {
        assertEquals(0, files.count(), "nothing written");
      }
    }
  }
}
