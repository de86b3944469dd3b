package io.swarmrtc.e2e.bench;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.app.WebApp;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (bench/browser-swarm/memory.sh): one browser shares a large file (1 GiB by
 * default, -Dbench.memoryMiB) from the share page, another downloads it with the library into
 * OPFS; both tabs' memory is sampled twice a second. Prints each tab's memory before, at every
 * quarter of the download and at its peak, next to the file size: a download that kept pieces in
 * memory would grow with the file. Results go to stdout and {@code target/browser-memory-bench.txt}.
 */
@Tag("bench")
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class BrowserMemoryBenchmark {

  private static final long SIZE = Long.getLong("bench.memoryMiB", 1024) << 20;
  private static final long SAMPLE_NANOS = Duration.ofMillis(500).toNanos();

  @RegisterExtension final Browsers browsers = new Browsers();
  @TempDir Path files;
  private final List<String> report = new ArrayList<>();

  @Test
  void largeDownloadKeepsBothTabsMemoryFlat() throws IOException {
    try (WebApp app = WebApp.start()) {
      Chromium sharer = browsers.start("memory-sharer");
      Chromium downloader = browsers.start("memory-downloader");
      Path file = TestFiles.random(files, "memory.bin", SIZE, 11);
      String link = app.share(sharer, file, Duration.ofSeconds(120));
      downloader.open(app.uri("/index.html"));
      TabMemory sharerBefore = TabMemory.of(sharer);
      TabMemory downloaderBefore = TabMemory.of(downloader);
      line("%d MiB file; before the download: sharer %s; downloader %s", SIZE >> 20, sharerBefore, downloaderBefore);
      downloader.call("""
          const { download } = await import('/lib/index.js');
          const s = download(arguments[0]);
          window.bench = { s, bytes: 0, done: false, error: null };
          s.on('progress', (p) => { window.bench.bytes = p.verifiedBytes; });
          s.on('done', () => { window.bench.done = true; });
          s.on('error', (e) => { window.bench.error = e.code + ': ' + e.message; });
          """, Duration.ofSeconds(10), link);
      TabMemory[] peak = {sharerBefore, downloaderBefore};
      int[] nextQuarter = {1};
      long[] lastSample = {0};
      long started = System.nanoTime();
      Poll.until("the " + (SIZE >> 20) + " MiB download", Duration.ofSeconds(Math.max(120, SIZE / 2_000_000)), () -> {
        if (System.nanoTime() - lastSample[0] < SAMPLE_NANOS) {
          return Optional.empty();
        }
        lastSample[0] = System.nanoTime();
        Map<?, ?> state = (Map<?, ?>) downloader.js("const b = window.bench; return { bytes: b.bytes, done: b.done, error: b.error };");
        if (state.get("error") != null) {
          throw new AssertionError("the download failed: " + state.get("error"));
        }
        TabMemory s = TabMemory.of(sharer);
        TabMemory d = TabMemory.of(downloader);
        peak[0] = TabMemory.max(peak[0], s);
        peak[1] = TabMemory.max(peak[1], d);
        long bytes = ((Number) state.get("bytes")).longValue();
        while (nextQuarter[0] <= 4 && bytes >= nextQuarter[0] * SIZE / 4) {
          line("  %3d %% after %4.1f s: sharer %s; downloader %s", nextQuarter[0] * 25,
              (System.nanoTime() - started) / 1e9, s, d);
          nextQuarter[0]++;
        }
        return Boolean.TRUE.equals(state.get("done")) ? Optional.of(true) : Optional.empty();
      });
      line("peaks during the download: sharer %s; downloader %s", peak[0], peak[1]);
      line("growth over the file size (peak - before) / size: sharer renderer %.1f %%, downloader renderer %.1f %%",
          100.0 * (peak[0].rendererAnonBytes() - sharerBefore.rendererAnonBytes()) / SIZE,
          100.0 * (peak[1].rendererAnonBytes() - downloaderBefore.rendererAnonBytes()) / SIZE);
      for (Chromium c : List.of(sharer, downloader)) {
        c.driver().executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
      }
      line("after the download and a garbage collection: sharer %s; downloader %s", TabMemory.of(sharer), TabMemory.of(downloader));
      downloader.js("window.bench.s.close()");
    } finally {
      Path out = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("browser-memory-bench.txt");
      Files.createDirectories(out.getParent());
      Files.write(out, report);
    }
  }

  private void line(String format, Object... args) {
    String s = String.format(java.util.Locale.ROOT, format, args);
    report.add(s);
    System.out.println("[browser-memory] " + s);
  }
}
