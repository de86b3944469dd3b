package io.swarmrtc.bench.javaswarm;

import io.swarmrtc.peer.internal.rtc.IceCandidate;
import io.swarmrtc.peer.internal.rtc.RtcConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This JVM's handle on a {@link FarEnd} child JVM. Lines to the child: {@code raw TOTAL},
 * {@code offer B64SDP}, {@code cand B64LINE MID INDEX}, {@code get URL DIR}, {@code quit}. Lines
 * from it: {@code answer B64SDP}, {@code cand ...}, {@code rawdone BYTES END_NANOTIME CPU_NANOS},
 * {@code got BYTES ELAPSED_NANOS CPU_NANOS}. One command at a time.
 */
final class FarProcess implements AutoCloseable {
  private final Process process;
  private final PrintStream in;
  private final Thread reader;
  private volatile Supplier<RtcConnection> rawEnd;
  private volatile CompletableFuture<String[]> result;

  FarProcess(URI server, String classPath) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(java, "-Xmx512m", "-XX:-UsePerfData",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath, FarEnd.class.getName(), server.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    reader = new Thread(this::read, "far-end-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the far end's raw receiver; completes with {bytes, System.nanoTime() at the last byte, its CPU ns}. */
  CompletableFuture<long[]> startRawReceiver(long total, Supplier<RtcConnection> localEnd) {
    rawEnd = localEnd;
    CompletableFuture<String[]> r = expect();
    in.println("raw " + total);
    return r.thenApply(f -> new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])});
  }

  /** The far end downloads {@code url} into {@code dir}: {bytes, elapsed ns, its CPU ns}. */
  long[] download(URI url, Path dir) throws Exception {
    CompletableFuture<String[]> r = expect();
    in.println("get " + url + " " + dir);
    String[] f = r.get(10, TimeUnit.MINUTES);
    return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
  }

  /** Our raw end's signals, relayed to the far end. */
  RtcConnection.Signals signals() {
    return new RtcConnection.Signals() {
      @Override
      public void sendOffer(String sdp) {
        in.println("offer " + b64(sdp));
      }

      @Override
      public void sendAnswer(String sdp) {
        throw new IllegalStateException("this end only offers");
      }

      @Override
      public void sendCandidate(IceCandidate c) {
        in.println(candidateLine(c));
      }
    };
  }

  private CompletableFuture<String[]> expect() {
    CompletableFuture<String[]> r = new CompletableFuture<>();
    result = r;
    return r;
  }

  private void read() {
    try (var lines = process.inputReader(StandardCharsets.UTF_8)) {
      for (String line; (line = lines.readLine()) != null; ) {
        String[] f = line.split(" ");
        switch (f[0]) {
          case "answer" -> rawEnd.get().handleAnswer(unb64(f[1]));
          case "cand" -> rawEnd.get().handleCandidate(candidate(f));
          case "rawdone", "got" -> result.complete(f);
          default -> System.err.println("far end: " + line);
        }
      }
    } catch (IOException e) {
      // the child is gone; the pending result fails below
    }
    CompletableFuture<String[]> r = result;
    if (r != null) {
      r.completeExceptionally(new IllegalStateException("the far-end JVM exited"));
    }
  }

  @Override
  public void close() throws InterruptedException {
    in.println("quit");
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String unb64(String s) {
    return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }

  static String candidateLine(IceCandidate c) {
    return "cand " + b64(c.candidate()) + " " + (c.sdpMid() == null ? "-" : b64(c.sdpMid())) + " "
        + (c.sdpMLineIndex() == null ? "-" : c.sdpMLineIndex());
  }

  static IceCandidate candidate(String[] f) {
    return new IceCandidate(unb64(f[1]), f[2].equals("-") ? null : unb64(f[2]),
        f[3].equals("-") ? null : Integer.valueOf(f[3]), null);
  }
}
