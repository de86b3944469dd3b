package io.swarmrtc.bench.javaswarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Packet counters of the benchmark's network namespace (it has only its own traffic): packets on
 * {@code lo} (received, so each packet counts once whichever way it went) and
 * UDP datagrams dropped because a socket's receive buffer was full (SCTP then retransmits). They
 * show why runs differ: the swarm's network threads pay per packet, and its REQUEST and HAVE
 * messages add packets in the reverse direction.
 */
final class NetCounters {
  private NetCounters() {}

  /** {packets on lo, UDP RcvbufErrors} now. */
  static long[] read() {
    try {
      long packets = -1;
      for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
        String t = line.trim();
        if (t.startsWith("lo:")) {
          packets = Long.parseLong(t.substring(3).trim().split(" +")[1]); // receive packets
        }
      }
      long drops = -1;
      String[] header = null;
      for (String line : Files.readAllLines(Path.of("/proc/net/snmp"))) {
        if (line.startsWith("Udp: ")) {
          String[] f = line.substring(5).trim().split(" +");
          if (header == null) {
            header = f;
          } else {
            for (int i = 0; i < header.length; i++) {
              if (header[i].equals("RcvbufErrors")) {
                drops = Long.parseLong(f[i]);
              }
            }
          }
        }
      }
      return new long[] {packets, drops};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds what the counters grew by since {@code before} to {@code sum}. */
  static void addSince(long[] before, long[] sum) {
    long[] now = read();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += now[i] - before[i];
    }
  }
}
