package io.swarmrtc.bench.javaswarm;

import io.swarmrtc.peer.Download;
import io.swarmrtc.peer.DownloadResult;
import io.swarmrtc.peer.SwarmClient;
import io.swarmrtc.peer.internal.rtc.IceCandidate;
import io.swarmrtc.peer.internal.rtc.RtcConnection;
import io.swarmrtc.peer.internal.rtc.RtcRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The far end of the two-process shape, in its own JVM: the receiving end of the raw data channel
 * and the swarm downloader, as a user's second process would be. Driven by {@link FarProcess}
 * through stdin/stdout, one command or signal per line ({@link FarProcess} documents the lines);
 * logs go to stderr. Each result line carries the CPU time this process spent on that round.
 *
 * <p>Usage: {@code FarEnd SERVER_ORIGIN}
 */
public final class FarEnd {
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private static volatile RtcConnection raw;

  public static void main(String[] args) throws Exception {
    RtcRuntime runtime = RtcRuntime.acquire();
    try (SwarmClient getter = SwarmClient.builder(URI.create(args[0])).iceServers(List.of()).build();
         BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
        String[] f = line.split(" ");
        switch (f[0]) {
          case "raw" -> receiveRaw(runtime, Long.parseLong(f[1]));
          case "offer" -> raw.handleOffer(FarProcess.unb64(f[1]));
          case "cand" -> raw.handleCandidate(FarProcess.candidate(f));
          case "get" -> download(getter, URI.create(f[1]), Path.of(f[2]));
          default -> throw new IllegalArgumentException("unknown command " + line);
        }
      }
    } finally {
      runtime.release();
    }
    System.exit(0);
  }

  /** Opens the answering end now; the offer follows on stdin; reports when every byte arrived. */
  private static void receiveRaw(RtcRuntime runtime, long total) {
    long cpu = JavaSwarmBench.cpuNanos();
    CompletableFuture<long[]> done = new CompletableFuture<>();
    raw = RawChannelPair.receive(runtime, total, new RtcConnection.Signals() {
      @Override
      public void sendOffer(String sdp) {
        throw new IllegalStateException("the far end only answers");
      }

      @Override
      public void sendAnswer(String sdp) {
        OUT.println("answer " + FarProcess.b64(sdp));
      }

      @Override
      public void sendCandidate(IceCandidate c) {
        OUT.println(FarProcess.candidateLine(c));
      }
    }, done);
    done.thenAcceptAsync(r -> { // closes its connection before it reports, so that counts too (off the channel thread)
      raw.close();
      OUT.println("rawdone " + r[0] + " " + r[1] + " " + (JavaSwarmBench.cpuNanos() - cpu));
    });
  }

  private static void download(SwarmClient getter, URI url, Path dir) throws Exception {
    long cpu = JavaSwarmBench.cpuNanos();
    DownloadResult r;
    try (Download d = getter.download(url, dir)) {
      r = d.completion().get(10, TimeUnit.MINUTES);
    }
    OUT.println("got " + r.totalBytes() + " " + r.elapsed().toNanos() + " " + (JavaSwarmBench.cpuNanos() - cpu));
  }
}
