package io.swarmrtc.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code get} refuses what it cannot use with one clear line and a stable exit code (no peers involved). */
class GetCommandErrorsTest {
  private static final String CONTENT = "abababababababababababababababababababababababababababababababab";

  @TempDir Path dir;

  @ParameterizedTest(name = "a URL {0} exits with 2 and names {1}")
  @CsvSource(delimiter = '|', value = {
      "without a fragment | http://127.0.0.1:1/download.html | fragment",
      "with another page | http://127.0.0.1:1/index.html#room=r&content=ab | path",
      "without a room | http://127.0.0.1:1/download.html#content=abab | room",
      "with a short content id | http://127.0.0.1:1/download.html#room=r&content=abcd | content",
      "that is empty | '' | url",
  })
  void aBadShareUrlIsAUsageError(String what, String url, String named) throws Exception {
    CliRun run = CliRun.get(url, "-o", dir.toString());
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("error: BAD_URL: not a share URL"), run.err());
    assertTrue(run.err().contains(named), run.err());
    assertEquals(1, run.err().lines().count(), "one line, no stack trace: " + run.err());
  }

  @ParameterizedTest(name = "an unreachable server given {0} exits with 3")
  @CsvSource(delimiter = '|', value = {
      "by the URL's origin | http://127.0.0.1:1/download.html#room=r&content=" + CONTENT + " | ",
      "by --server | http://127.0.0.1:9/download.html#room=r&content=" + CONTENT + " | http://127.0.0.1:1",
  })
  void anUnreachableServerIsReportedAsSuch(String what, String url, String server) throws Exception {
    CliRun run = server == null ? CliRun.get(url, "-o", dir.toString())
        : CliRun.get(url, "-o", dir.toString(), "--server", server);
    assertEquals(ExitCodes.NO_SERVER, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("error: JOIN_FAILED: cannot join via http://127.0.0.1:1"), run.err());
  }
}
