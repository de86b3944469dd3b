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
  /** -Dprofile.sampling=false: no DevTools profiler (it costs CPU itself), CPU figures only. */
  private static final boolean SAMPLING = Boolean.parseBoolean(System.getProperty("profile.sampling", "true"));

  @RegisterExtension final Browsers browsers = new Browsers();
  @TempDir Path files;

  @Test
  void profileOneToOne() {
    try (WebApp app = WebApp.start()) {
      Chromium sharer = browsers.start("profile-sharer");
      Chromium downloader = browsers.start("profile-downloader");
      for (Chromium c : List.of(sharer, downloader)) {
        c.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COUNT_CONNECTIONS));
      }
      Path file = TestFiles.random(files, "profile.bin", SIZE, 7);
      String link = app.share(sharer, file, Duration.ofSeconds(60));
      downloader.open(app.uri("/index.html"));
      rawPass(app, sharer, downloader);
      downloader.open(app.uri("/index.html"));
      for (Chromium c : SAMPLING ? List.of(sharer, downloader) : List.<Chromium>of()) {
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
      Map<String, Double> kinds0 = ProcessCpu.byKind();
      Map<String, Double> threads0 = ProcessCpu.byThread();
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
      printWireStats("swarm", sharer, downloader);
      System.out.println("[profile] sharer channel samples: " + sharer.js("clearInterval(window.sampler); return JSON.stringify(window.samples)"));
      double cpu = ProcessCpu.descendantsSeconds() - cpu0;
      System.out.println("[profile] swarm CPU s by process kind: " + ProcessCpu.difference(kinds0, ProcessCpu.byKind()));
      System.out.println("[profile] swarm CPU s by thread: " + ProcessCpu.difference(threads0, ProcessCpu.byThread()));
      for (Chromium c : SAMPLING ? List.of(sharer, downloader) : List.<Chromium>of()) {
        Map<?, ?> profile = (Map<?, ?>) c.driver().executeCdpCommand("Profiler.stop", Map.of()).get("profile");
        report(c.name(), profile);
      }
      double ms = ((Number) r.get("done")).doubleValue() - ((Number) r.get("manifest")).doubleValue();
      System.out.printf(Locale.ROOT, "[profile] %s; manifest->done %.0f ms = %.1f MB/s; wall %.2f s, browser CPU %.2f s%n",
          r, ms, SIZE / 1e3 / ms, wall, cpu);
    }
  }

  /** Keeps every RTCPeerConnection a page makes, for printWireStats. */
  private static final String COUNT_CONNECTIONS = """
      window.__pcs = [];
      window.RTCPeerConnection = class extends RTCPeerConnection {
        constructor(...args) { super(...args); window.__pcs.push(this); }
      };
      """;

  /**
   * Packets and messages each page's open connections moved (transport and data-channel stats):
   * tells per-packet costs (DTLS, SCTP, the network service) from per-message ones.
   */
  private static void printWireStats(String phase, Chromium... pages) {
    for (Chromium c : pages) {
      Object stats = c.call("""
          const t = { packetsSent: 0, packetsReceived: 0, bytesSent: 0, bytesReceived: 0, messagesSent: 0, messagesReceived: 0 };
          for (const pc of window.__pcs) {
            if (pc.connectionState === 'closed') continue;
            for (const r of (await pc.getStats()).values()) {
              if (r.type === 'transport') for (const k of ['packetsSent', 'packetsReceived', 'bytesSent', 'bytesReceived']) t[k] += r[k] ?? 0;
              if (r.type === 'data-channel') for (const k of ['messagesSent', 'messagesReceived']) t[k] += r[k] ?? 0;
            }
          }
          return JSON.stringify(t);
          """, Duration.ofSeconds(10));
      System.out.println("[profile] " + phase + " wire stats of " + c.name() + ": " + stats);
    }
  }

  /** 64 MiB of raw 64 KiB data-channel sends from a page next to the share page to the downloader. */
  private static void rawPass(WebApp app, Chromium sharer, Chromium downloader) {
    downloader.open(app.uri("/index.html"));
    Map<String, Double> kinds0 = ProcessCpu.byKind();
    Map<String, Double> threads0 = ProcessCpu.byThread();
    double cpu0 = ProcessCpu.descendantsSeconds();
    long t0 = System.nanoTime();
    RawChannelTransfer.receive(downloader, "raw", SIZE);
    RawChannelTransfer.send(sharer, "raw", SIZE, 65536);
    RawChannelTransfer.awaitMillis(downloader, Duration.ofSeconds(120));
    System.out.printf(Locale.ROOT, "[profile] raw: wall %.2f s, browser CPU %.2f s; by process kind: %s%n",
        (System.nanoTime() - t0) / 1e9, ProcessCpu.descendantsSeconds() - cpu0, ProcessCpu.difference(kinds0, ProcessCpu.byKind()));
    System.out.println("[profile] raw CPU s by thread: " + ProcessCpu.difference(threads0, ProcessCpu.byThread()));
    printWireStats("raw", sharer, downloader);
    RawChannelTransfer.close(sharer, downloader);
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
