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

  /**
   * CPU seconds so far per kind of live descendant: Chromium's process types (browser, renderer,
   * gpu-process, the network and storage utility services, ...) and chromedriver.
   */
  static java.util.Map<String, Double> byKind() {
    java.util.Map<String, Double> out = new java.util.TreeMap<>();
    ProcessHandle.current().descendants().forEach(p -> out.merge(kind(p.pid()), seconds(p.pid()), Double::sum));
    return out;
  }

  /**
   * CPU seconds so far per thread name within each kind (e.g. "renderer/WebRTC_Network",
   * "renderer/CrRendererMain", "renderer/DedicatedWorker thread"), summed over processes: shows
   * which thread a cost lands on. Threads that ended are not counted.
   */
  static java.util.Map<String, Double> byThread() {
    java.util.Map<String, Double> out = new java.util.TreeMap<>();
    ProcessHandle.current().descendants().forEach(p -> {
      String kind = kind(p.pid());
      try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(p.pid()), "task"))) {
        tasks.forEach(t -> {
          try {
            String name = Files.readString(t.resolve("comm")).strip().replaceAll("[0-9]+$", "");
            out.merge(kind + "/" + name, seconds(t.resolve("stat")), Double::sum);
          } catch (IOException | RuntimeException e) {
            // the thread ended meanwhile
          }
        });
      } catch (IOException | RuntimeException e) {
        // the process ended meanwhile
      }
    });
    return out;
  }

  /** after - before per kind, largest first. */
  static String difference(java.util.Map<String, Double> before, java.util.Map<String, Double> after) {
    java.util.Map<String, Double> d = new java.util.TreeMap<>();
    after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
    return d.entrySet().stream().filter(e -> e.getValue() >= 0.01)
        .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** Chromium rewrites its command line into one string: recognise its process types by their flags. */
  private static String kind(long pid) {
    try {
      String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
      java.util.regex.Matcher type = java.util.regex.Pattern.compile("--(?:utility-sub-)?type=(\\S+)").matcher(cmd);
      String last = null;
      while (type.find()) {
        last = type.group(1);
      }
      if (last != null) {
        return last;
      }
      if (cmd.contains("--renderer-client-id")) {
        return "renderer";
      }
      if (cmd.contains("--gpu-preferences")) {
        return "gpu";
      }
      if (cmd.contains("--shared-files")) {
        return "utility";
      }
      String exe = cmd.split(" ")[0];
      return exe.substring(exe.lastIndexOf('/') + 1);
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static double seconds(long pid) {
    return seconds(Path.of("/proc", Long.toString(pid), "stat"));
  }

  private static double seconds(Path statFile) {
    try {
      String stat = Files.readString(statFile);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after the command: state(0) ... utime(11) stime(12)
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0; // the process ended meanwhile
    }
  }
}
