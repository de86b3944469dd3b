package io.swarmrtc.e2e.bench;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.app.WebApp;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NetnsGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diagnostic, not a test (bench/browser-swarm/profile.sh): one 64 MiB swarm transfer between two
 * Chromium processes with the DevTools sampling profiler running in both pages; prints where each
 * main thread spends its time (self time per function, idle included) and the CPU seconds all
 * browser processes used.
 */
@Tag("bench")
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class BrowserSwarmProfile {

  private static final long SIZE = 64L << 20;
  private static final int TOP = Integer.getInteger("profile.top", 25);

  @RegisterExtension final Browsers browsers = new Browsers();
  @TempDir Path files;

  @Test
  void profileOneToOne() {
    try (WebApp app = WebApp.start()) {
      Chromium sharer = browsers.start("profile-sharer");
      Chromium downloader = browsers.start("profile-downloader");
      Path file = TestFiles.random(files, "profile.bin", SIZE, 7);
      String link = app.share(sharer, file, Duration.ofSeconds(60));
      downloader.open(app.uri("/index.html"));
      for (Chromium c : List.of(sharer, downloader)) {
        c.driver().executeCdpCommand("Profiler.enable", Map.of());
        c.driver().executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 250));
        c.driver().executeCdpCommand("Profiler.start", Map.of());
      }
      // Every 2 ms: the sharer's channel buffer and how many requests wait in its upload queue.
      sharer.js("""
          const t = swarmrtcApp.share.transfer;
          window.samples = { n: 0, empty: 0, low: 0, noQueue: 0, emptyNoQueue: 0 };
          window.sampler = setInterval(() => {
            for (const r of t._peers.values()) {
              const s = window.samples, b = r.channel.bufferedAmount, q = t.session.queuedUploads(r.peerId);
              s.n++; if (b === 0) s.empty++; if (b < r.channel.lowWaterMark) s.low++;
              if (q === 0) s.noQueue++; if (b === 0 && q === 0) s.emptyNoQueue++;
            }
          }, 2);
          """);
      double cpu0 = ProcessCpu.descendantsSeconds();
      long t0 = System.nanoTime();
      downloader.call("""
          const { download } = await import('/lib/index.js');
          const t = { start: performance.now() };
          const s = download(arguments[0]);
          window.bench = s; window.benchTimes = t;
          s.on('manifest', () => { t.manifest = performance.now(); });
          s.on('done', ({ blob }) => { t.done = performance.now(); t.size = blob.size; });
          s.on('error', (e) => { t.error = e.code + ': ' + e.message; });
          """, Duration.ofSeconds(10), link);
      Map<?, ?> r = (Map<?, ?>) downloader.waitForJs("const t = window.benchTimes; return t.done || t.error ? t : null",
          Duration.ofSeconds(120), "the download");
      double wall = (System.nanoTime() - t0) / 1e9;
      System.out.println("[profile] sharer channel samples: " + sharer.js("clearInterval(window.sampler); return JSON.stringify(window.samples)"));
      double cpu = ProcessCpu.descendantsSeconds() - cpu0;
      for (Chromium c : List.of(sharer, downloader)) {
        Map<?, ?> profile = (Map<?, ?>) c.driver().executeCdpCommand("Profiler.stop", Map.of()).get("profile");
        report(c.name(), profile);
      }
      double ms = ((Number) r.get("done")).doubleValue() - ((Number) r.get("manifest")).doubleValue();
      System.out.printf(Locale.ROOT, "[profile] %s; manifest->done %.0f ms = %.1f MB/s; wall %.2f s, browser CPU %.2f s%n",
          r, ms, SIZE / 1e3 / ms, wall, cpu);
    }
  }

  /** Self time per function (name url:line), highest first. */
  private static void report(String name, Map<?, ?> profile) {
    List<?> nodes = (List<?>) profile.get("nodes");
    List<?> samples = (List<?>) profile.get("samples");
    List<?> deltas = (List<?>) profile.get("timeDeltas");
    Map<Long, String> label = new HashMap<>();
    for (Object o : nodes) {
      Map<?, ?> n = (Map<?, ?>) o;
      Map<?, ?> f = (Map<?, ?>) n.get("callFrame");
      String url = String.valueOf(f.get("url"));
      url = url.substring(url.lastIndexOf('/') + 1);
      String fn = String.valueOf(f.get("functionName"));
      label.put(((Number) n.get("id")).longValue(), (fn.isEmpty() ? "(anonymous)" : fn) + (url.isEmpty() ? "" : " " + url + ":" + f.get("lineNumber")));
    }
    Map<String, Double> self = new HashMap<>();
    double total = 0;
    for (int i = 0; i < samples.size(); i++) {
      double dt = i + 1 < deltas.size() ? ((Number) deltas.get(i + 1)).doubleValue() / 1000.0 : 0;
      self.merge(label.get(((Number) samples.get(i)).longValue()), dt, Double::sum);
      total += dt;
    }
    double sum = total;
    System.out.printf(Locale.ROOT, "[profile] %s main thread, %.0f ms sampled:%n", name, total);
    self.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(TOP)
        .forEach(e -> System.out.printf(Locale.ROOT, "[profile]   %7.0f ms %5.1f %%  %s%n", e.getValue(), 100 * e.getValue() / sum, e.getKey()));
  }
}
