package io.swarmrtc.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.Download;
import io.swarmrtc.peer.SwarmClient;
import io.swarmrtc.peer.testing.RealServer;
import io.swarmrtc.peer.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code share FILE}: prints the share URL and a QR code, seeds it until stopped, and prints a line
 * per peer saying how it is reached.
 */
@Tag("netns")
class ShareCommandTest {
  @TempDir Path tmp;

  @Test
  void sharePrintsAUrlAndAQrCodeAndServesTheFile() throws Exception {
    Path file = TestFiles.random(Files.createDirectories(tmp.resolve("src")).resolve("report.pdf"), 2L << 20, 3);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    try (RealServer server = new RealServer()) {
      CommandLine.IFactory factory = new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
          return cls == ShareCommand.class ? cls.cast(new ShareCommand(out)) : CommandLine.defaultFactory().create(cls);
        }
      };
      Thread cli = new Thread(() -> SwarmCli.commandLine(factory)
          .execute("share", "--server", server.origin().toString(), file.toString()), "share-under-test");
      cli.setDaemon(true);
      cli.start();
      try {
        String url = awaitUrl(printed, server.origin().toString());
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\u2588\u2588\u2588\u2588"), "a QR code in half blocks: " + text);
        try (SwarmClient getter = SwarmClient.builder(server.origin()).iceServers(List.of()).build();
             Download d = getter.download(URI.create(url), tmp.resolve("out"))) {
          d.completion().get(60, TimeUnit.SECONDS);
          awaitLine(printed, "peer \\S{8}: direct \\((host|prflx) -> (host|prflx), udp\\)");
        }
        assertEquals(TestFiles.sha256(file), TestFiles.sha256(tmp.resolve("out/report.pdf")));
      } finally {
        cli.interrupt(); // what Ctrl-C amounts to in-process: the command stops seeding
        cli.join(TimeUnit.SECONDS.toMillis(30));
      }
    }
  }

  /** Waits for a printed line matching {@code regex} (the seeding loop prints every 2 s). */
  private static void awaitLine(ByteArrayOutputStream printed, String regex) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (printed.toString(StandardCharsets.UTF_8).lines().noneMatch(l -> l.matches(regex))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no line like " + regex + " in: " + printed.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(20); // polling the output with a deadline
    }
  }

  private static String awaitUrl(ByteArrayOutputStream printed, String origin) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String text = printed.toString(StandardCharsets.UTF_8);
      Optional<String> url = text.lines().filter(l -> l.startsWith(origin + "/download.html#room=")).findFirst();
      if (url.isPresent() && text.contains("seeding; press Ctrl-C to stop")) { // printed after the QR code
        return url.get();
      }
      Thread.sleep(20); // polling the output with a deadline
    }
    throw new AssertionError("no share URL printed: " + printed.toString(StandardCharsets.UTF_8));
  }
}
