package io.swarmrtc.peer.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/** A JVM using webrtc-java ends cleanly: after close() returns from main, and via the shutdown hook. */
@Tag("netns")
class ProcessExitTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "mode {0}: the process ends with code {1} and no crash")
  @CsvSource({"close, 0", "exit, 7"})
  void theProcessEndsCleanly(String mode, int expectedCode) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 21) {
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    cmd.add("-XX:ErrorFile=" + tmp.resolve("hs_err.log"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ExitProbe.class.getName());
    cmd.add(mode);
    Path out = tmp.resolve("out.txt");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(out);
    assertTrue(ended, "the JVM did not exit by itself:\n" + output);
    assertEquals(expectedCode, p.exitValue(), output);
    assertTrue(output.contains("probe: "), output);
    assertFalse(Files.exists(tmp.resolve("hs_err.log")), "the JVM crashed:\n" + output);
  }
}
