package io.swarmrtc.bench.javaswarm;

import io.swarmrtc.peer.Download;
import io.swarmrtc.peer.Share;
import io.swarmrtc.peer.SwarmClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Java -> Java through the swarm against the raw data channel in the same run, with both ends in
 * this JVM and with the receiving end in a second JVM ({@link FarEnd}), then heap and RSS of a
 * separate downloader JVM during a large download.
 *
 * <p>Usage: {@code JavaSwarmBench SERVER_ORIGIN WORK_DIR ROUNDS ROUND_MIB MEMORY_MIB PEER_JAR [WARMUP_ROUNDS]}:
 * warm-up rounds run first, exactly like the others, and are printed but left out of the figures
 * (both JVMs then compile the hot code before measuring; default 0: cold JVMs, as a user's first
 * transfer).
 */
public final class JavaSwarmBench {
  private static final int MESSAGE = 9 + 65_536; // a PIECE with a 64 KiB block
  private static final int IN_FLIGHT = 1 << 20; // the engine's per-peer upload queue

  public static void main(String[] args) throws Exception {
    URI server = URI.create(args[0]);
    Path work = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    long roundBytes = Long.parseLong(args[3]) << 20;
    long memoryBytes = Long.parseLong(args[4]) << 20;
    String peerJar = args[5];
    int warmupRounds = args.length > 6 ? Integer.parseInt(args[6]) : 0;
    Files.createDirectories(work);
    if (rounds > 0) {
      throughput(server, work, rounds, roundBytes, peerJar, warmupRounds);
    }
    if (memoryBytes > 0) {
      memory(server, work, memoryBytes, peerJar);
    }
  }

  /** Throughput and CPU time of one shape: per round, raw and swarm. */
  private static final class Figures {
    final List<Double> raw = new ArrayList<>();
    final List<Double> swarm = new ArrayList<>();
    long rawCpu;
    long swarmCpu;
    final long[] rawNet = new long[2]; // packets on lo, UDP receive-buffer drops
    final long[] swarmNet = new long[2];

    void print(String shape, String target, int rounds, long roundBytes) {
      double rawMedian = median(raw);
      double swarmMedian = median(swarm);
      System.out.printf(Locale.ROOT, "throughput, %s (%d rounds of %d MiB, median): raw data channel %.1f MB/s,"
          + " swarm %.1f MB/s, ratio swarm/raw = %.2f%s%n", shape, rounds, roundBytes >> 20, rawMedian / 1e6,
          swarmMedian / 1e6, swarmMedian / rawMedian, target);
      double mib = rounds * (double) (roundBytes >> 20);
      System.out.printf(Locale.ROOT, "CPU time, %s, both ends, per MiB: raw %.1f ms, swarm %.1f ms (ratio %.2f)%n",
          shape, rawCpu / 1e6 / mib, swarmCpu / 1e6 / mib, (double) swarmCpu / rawCpu);
      System.out.printf(Locale.ROOT, "packets, %s, per MiB (both directions): raw %.0f, swarm %.0f (ratio %.2f);"
          + " UDP receive-buffer drops per MiB: raw %.1f, swarm %.1f%n", shape, rawNet[0] / mib, swarmNet[0] / mib,
          (double) swarmNet[0] / rawNet[0], rawNet[1] / mib, swarmNet[1] / mib);
    }
  }

  /**
   * Rounds alternate (so drift on a shared machine hits everything alike) between two shapes, each
   * raw then swarm: both ends in this JVM, and the receiving end (raw receiver, swarm downloader) in
   * a second JVM as users run it. The second shape is the one the target applies to; the first is
   * kept for comparison with earlier figures.
   */
  private static void throughput(URI server, Path work, int rounds, long roundBytes, String peerJar, int warmupRounds)
      throws Exception {
    Path file = random(work.resolve("round.bin"), roundBytes);
    Figures oneJvmFigures = new Figures();
    Figures twoJvmFigures = new Figures();
    Figures oneJvmWarmup = new Figures(); // the same work, left out of the figures
    Figures twoJvmWarmup = new Figures();
    String cp = peerJar + ":" + System.getProperty("java.class.path");
    try (SwarmClient sharer = SwarmClient.builder(server).iceServers(List.of()).build();
         SwarmClient getter = SwarmClient.builder(server).iceServers(List.of()).build();
         FarProcess far = new FarProcess(server, cp)) {
      Share share = sharer.share(List.of(file));
      for (int round = 0; round < warmupRounds + rounds; round++) {
        boolean counted = round >= warmupRounds;
        Figures oneJvm = counted ? oneJvmFigures : oneJvmWarmup;
        Figures twoJvms = counted ? twoJvmFigures : twoJvmWarmup;
        int i = oneJvm.raw.size();
        long cpu = cpuNanos();
        long[] net = NetCounters.read();
        oneJvm.raw.add(RawChannelPair.throughput(roundBytes, MESSAGE, IN_FLIGHT));
        oneJvm.rawCpu += cpuNanos() - cpu;
        NetCounters.addSince(net, oneJvm.rawNet);
        Path out = work.resolve("get-" + round);
        cpu = cpuNanos();
        net = NetCounters.read();
        try (Download d = getter.download(share.url(), out)) {
          var r = d.completion().get(10, TimeUnit.MINUTES);
          oneJvm.swarm.add(r.totalBytes() / (r.elapsed().toNanos() / 1e9));
        }
        oneJvm.swarmCpu += cpuNanos() - cpu;
        NetCounters.addSince(net, oneJvm.swarmNet);
        delete(out);

        cpu = cpuNanos();
        net = NetCounters.read();
        double[] farCpu = new double[1];
        twoJvms.raw.add(RawChannelPair.sendTo(far, roundBytes, MESSAGE, IN_FLIGHT, farCpu));
        twoJvms.rawCpu += cpuNanos() - cpu + (long) farCpu[0];
        NetCounters.addSince(net, twoJvms.rawNet);
        cpu = cpuNanos();
        net = NetCounters.read();
        long[] got = far.download(share.url(), out);
        twoJvms.swarm.add(got[0] / (got[1] / 1e9));
        twoJvms.swarmCpu += cpuNanos() - cpu + got[2];
        NetCounters.addSince(net, twoJvms.swarmNet);
        delete(out);
        System.out.printf(Locale.ROOT, "%s %d: one JVM raw %.1f MB/s, swarm %.1f MB/s; two JVMs raw %.1f MB/s,"
            + " swarm %.1f MB/s%n", counted ? "round" : "warm-up round", counted ? i + 1 : round + 1,
            oneJvm.raw.get(i) / 1e6, oneJvm.swarm.get(i) / 1e6, twoJvms.raw.get(i) / 1e6, twoJvms.swarm.get(i) / 1e6);
      }
      share.close();
    }
    String warm = warmupRounds > 0 ? ", after " + warmupRounds + " warm-up round(s)" : "";
    oneJvmFigures.print("one JVM" + warm, "", rounds, roundBytes);
    twoJvmFigures.print("two JVMs" + warm, " (target >= 0.90)", rounds, roundBytes);
    Files.delete(file);
  }

  private static void memory(URI server, Path work, long size, String peerJar) throws Exception {
    Path big = random(work.resolve("big.bin"), size);
    try (SwarmClient sharer = SwarmClient.builder(server).iceServers(List.of()).build()) {
      Share share = sharer.share(List.of(big));
      Path out = work.resolve("get-big");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String cp = peerJar + ":" + System.getProperty("java.class.path");
      Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:-UsePerfData", "-cp", cp,
          DownloadProbe.class.getName(), server.toString(), share.url().toString(), out.toString())
          .redirectErrorStream(true).start();
      String probe = null;
      try (var lines = p.inputReader().lines()) {
        for (String line : (Iterable<String>) lines::iterator) {
          if (line.startsWith("probe ")) {
            probe = line;
          }
        }
      }
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0 || probe == null) {
        throw new IllegalStateException("the downloader failed (exit " + p.exitValue() + ")");
      }
      System.out.println(describe(probe, size));
      delete(out);
    }
    Files.delete(big);
  }

  private static String describe(String probe, long size) {
    var f = new java.util.HashMap<String, String>();
    for (String kv : probe.substring(6).split(" ")) {
      f.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    double mib = 1 << 20;
    return String.format(Locale.ROOT, "memory (%d MiB download in its own JVM, -Xmx256m, %s s = %.1f MB/s):"
            + " heap after GC peak %.0f MiB, heap used peak %.0f MiB (with garbage), heap committed peak %.0f MiB,"
            + " RSS peak %.0f MiB (VmHWM %.0f MiB)",
        size >> 20, f.get("seconds"), size / Double.parseDouble(f.get("seconds")) / 1e6,
        Long.parseLong(f.get("afterGcPeak")) / mib,
        Long.parseLong(f.get("heapUsedPeak")) / mib, Long.parseLong(f.get("heapCommittedPeak")) / mib,
        Long.parseLong(f.get("rssPeak")) / mib, Long.parseLong(f.get("vmHwm")) / mib);
  }

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }

  private static Path random(Path file, long size) throws IOException {
    SplittableRandom r = new SplittableRandom(size);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= chunk.length) {
        for (int i = 0; i < chunk.length; i += 8) {
          long v = r.nextLong();
          for (int j = 0; j < 8; j++) {
            chunk[i + j] = (byte) (v >>> (8 * j));
          }
        }
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
    return file;
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
