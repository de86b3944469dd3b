package io.swarmrtc.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) used by every process this JVM started (chromedriver, Chromium and its
 * renderer, GPU, network and utility processes, dead or alive since the last reading is not
 * counted), read from /proc. On a loaded machine the wall time of a transfer varies with the load,
 * while the CPU seconds it costs stay fairly stable: the benchmark reports both.
 */
final class ProcessCpu {

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private ProcessCpu() {}

  /** CPU seconds used so far by the live descendants of this JVM. */
  static double descendantsSeconds() {
    return ProcessHandle.current().descendants().mapToDouble(p -> seconds(p.pid())).sum();
  }

  private static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after the command: state(0) ... utime(11) stime(12)
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0; // the process ended meanwhile
    }
  }
}
