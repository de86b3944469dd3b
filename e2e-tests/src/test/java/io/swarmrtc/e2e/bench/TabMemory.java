package io.swarmrtc.e2e.bench;

import io.swarmrtc.e2e.harness.Chromium;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a tab holds in memory, read from outside the page: the anonymous resident memory of the
 * browser's renderer processes (the page, its workers, Blink and V8; file-backed pages such as
 * the binary are left out) and the page's V8 heap in use (DevTools Runtime.getHeapUsage).
 */
record TabMemory(long rendererAnonBytes, long jsHeapUsedBytes) {

  static TabMemory of(Chromium browser) {
    long anon = browser.browserPid().flatMap(ProcessHandle::of).stream()
        .flatMap(ProcessHandle::descendants)
        .filter(p -> isRenderer(p.pid()))
        .mapToLong(p -> statusKib(p.pid(), "RssAnon:") * 1024)
        .sum();
    Map<String, Object> heap = browser.driver().executeCdpCommand("Runtime.getHeapUsage", Map.of());
    return new TabMemory(anon, ((Number) heap.get("usedSize")).longValue());
  }

  static TabMemory max(TabMemory a, TabMemory b) {
    return new TabMemory(Math.max(a.rendererAnonBytes, b.rendererAnonBytes), Math.max(a.jsHeapUsedBytes, b.jsHeapUsedBytes));
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "renderer anon RSS %.0f MiB, JS heap %.1f MiB",
        rendererAnonBytes / 1048576.0, jsHeapUsedBytes / 1048576.0);
  }

  private static boolean isRenderer(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
          .contains("--type=renderer");
    } catch (IOException e) {
      return false; // it ended meanwhile
    }
  }

  private static long statusKib(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // it ended meanwhile
    }
    return 0;
  }
}
