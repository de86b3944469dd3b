package io.swarmrtc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.testing.RealServer;
import io.swarmrtc.peer.testing.TestFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI download in its own JVM is killed with SIGKILL half way; started again into the same
 * directory it finishes with the right bytes and never fetches a piece it had verified.
 */
@Tag("netns")
class ResumeAfterKillTest {
  private static final long SIZE = 64L << 20;
  private static final int PIECE = 256 << 10; // the default for 64 MiB
  private static final int PIECES = (int) (SIZE / PIECE);

  @TempDir Path tmp;

  @Test
  void aKilledDownloadResumesFromItsVerifiedPieces() throws Exception {
    Path file = TestFiles.random(Files.createDirectories(tmp.resolve("src")).resolve("movie.bin"), SIZE, 99);
    Path out = tmp.resolve("out");
    try (RealServer server = new RealServer();
         SwarmClient sharer = SwarmClient.builder(server.origin()).iceServers(List.of())
             .uploadRateLimit(16L << 20).build()) { // slow enough to stop it half way
      Share share = sharer.share(List.of(file));
      Path state = out.resolve(share.contentId() + ".swarmrtc-state");

      Process first = cli(share, out, tmp.resolve("first.log"));
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (verifiedIn(state) < PIECES / 2) {
          assertTrue(first.isAlive(), "the first run is still downloading: " + Files.readString(tmp.resolve("first.log")));
          assertTrue(System.nanoTime() < deadline, "half the pieces within 60 s");
          Thread.sleep(20); // polling the state file with a deadline
        }
      } finally {
        first.destroyForcibly(); // SIGKILL on Linux
      }
      first.waitFor(10, TimeUnit.SECONDS);
      int resumed = verifiedIn(state);
      assertTrue(resumed >= PIECES / 2 && resumed < PIECES, "killed part way: " + resumed + " pieces verified");

      Process second = cli(share, out, tmp.resolve("second.log"));
      assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second run finishes");
      String log = Files.readString(tmp.resolve("second.log"));
      assertEquals(0, second.exitValue(), log);
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(out.resolve("movie.bin")));
      long received = log.lines().filter(l -> l.startsWith("received-bytes ")).mapToLong(l -> Long.parseLong(l.substring(15)))
          .findFirst().orElseThrow(() -> new AssertionError("no received-bytes line: " + log));
      System.out.printf("resume: %d of %d pieces verified at the kill; the second run received %d bytes%n",
          resumed, PIECES, received);
      assertTrue(received > 0 && received <= (long) (PIECES - resumed) * PIECE,
          "received " + received + " bytes, at most the " + (PIECES - resumed) + " missing pieces: " + log);
      assertTrue(Files.notExists(state), "the state file is gone after completion");
    }
  }

  private static Process cli(Share share, Path out, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-Xmx256m", "-XX:-UsePerfData",
        "io.swarmrtc.peer.cli.SwarmCli", "get", share.url().toString(), "-o", out.toString(), "--timeout", "30")
        .redirectErrorStream(true).redirectOutput(log.toFile()).directory(new File(".")).start();
  }

  /** Verified pieces recorded in the resume state (format in ResumeState: 41-byte header, bits, CRC). */
  private static int verifiedIn(Path state) throws Exception {
    byte[] b;
    try {
      b = Files.readAllBytes(state);
    } catch (NoSuchFileException e) {
      return 0;
    }
    int n = 0;
    for (int i = 41; i < b.length - 4; i++) {
      n += Integer.bitCount(b[i] & 0xff);
    }
    return n;
  }
}
