package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.app.TestFiles;
import io.swarmrtc.e2e.app.WebApp;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.Home;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.Poll;
import io.swarmrtc.e2e.harness.Topology;
import io.swarmrtc.peer.cli.SwarmCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;

/**
 * The set-up the web-app tests across NATs share: a {@link Topology} with homes behind NATs, the
 * {@link PublicServer} on the first home's gateway, browsers started at home, and the user's steps
 * on the share and download pages (state read from {@code window.swarmrtcApp}).
 *
 * <pre>{@code
 * try (HomesWithAServer net = HomesWithAServer.create(browsers, NatMapping.ENDPOINT_INDEPENDENT, 2)) {
 *   net.throttleUploads(net.home(1), 24_000);            // so a test can act mid-transfer
 *   Chromium sharer = net.browser("sharer", net.home(1));
 *   String link = net.share(sharer, file);
 *   Chromium downloader = net.browser("downloader", net.home(2));
 *   HomesWithAServer.openDownload(downloader, link);
 *   HomesWithAServer.awaitVerifiedBytes(downloader, size / 4, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
final class HomesWithAServer implements AutoCloseable {

  private static final Duration PAGE_LOAD = Duration.ofSeconds(15);
  private static final String SNAPSHOT = "return JSON.stringify(swarmrtcApp.download && swarmrtcApp.download.snapshot())";

  private final Browsers browsers;
  private final Topology topology;
  private final List<Home> homes;
  private final PublicServer server;

  private HomesWithAServer(Browsers browsers, Topology topology, List<Home> homes, PublicServer server) {
    this.browsers = browsers;
    this.topology = topology;
    this.homes = homes;
    this.server = server;
  }

  /** Homes 1..{@code count}, each behind a NAT with {@code mapping}, and the server on home 1's gateway. */
  static HomesWithAServer create(Browsers browsers, NatMapping mapping, int count) {
    return create(browsers, mapping, count, PublicServer::start);
  }

  /** As {@link #create(Browsers, NatMapping, int)}, with the server {@code server} starts on that address. */
  static HomesWithAServer create(Browsers browsers, NatMapping mapping, int count,
      Function<String, PublicServer> server) {
    Topology topology = Topology.create();
    try {
      List<Home> homes = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        homes.add(topology.home(i, mapping));
      }
      return new HomesWithAServer(browsers, topology, homes, server.apply(homes.get(0).gateway()));
    } catch (RuntimeException | Error e) {
      topology.close();
      throw e;
    }
  }

  Topology topology() {
    return topology;
  }

  PublicServer server() {
    return server;
  }

  /** Home {@code index} (1-based). */
  Home home(int index) {
    return homes.get(index - 1);
  }

  /** A browser at {@code home} that treats the server's http origin as secure (WebCrypto, OPFS). */
  Chromium browser(String name, Home home) {
    return browsers.start(name, b -> b.inNamespace(home.home().name())
        .args("--unsafely-treat-insecure-origin-as-secure=" + server.origin()));
  }

  /**
   * Limits what leaves {@code home} for the internet (its router's WAN side, so direct and relayed
   * paths alike) to {@code kbit} kbit/s with a token bucket, so a transfer takes long enough for a
   * test to act in the middle of it.
   */
  void throttleUploads(Home home, int kbit) {
    home.router().run("tc", "qdisc", "add", "dev", "to-host", "root", "tbf",
        "rate", kbit + "kbit", "burst", "32kb", "latency", "200ms");
  }

  /** Picks {@code file} on the share page in {@code sharer} (first time: a fresh page) and returns the link. */
  String share(Chromium sharer, Path file) {
    sharer.open(server.uri("/"));
    return shareAgain(sharer, file);
  }

  /**
   * Picks {@code file} on the share page already open in {@code sharer} (e.g. after "Stop
   * sharing", which keeps the page and its room) and returns the link it shows.
   */
  String shareAgain(Chromium sharer, Path file) {
    sharer.waitForJs("return document.querySelector('#file-input') !== null", PAGE_LOAD, "the share page");
    sharer.js("document.querySelector('#share-link').value = ''");
    sharer.driver().findElement(By.id("file-input")).sendKeys(file.toString());
    String link = (String) sharer.waitForJs("return document.querySelector('#share-link').value || null",
        "return JSON.stringify(swarmrtcApp.share && swarmrtcApp.share.snapshot())", Duration.ofSeconds(60), "the share link");
    assertTrue(link.startsWith(server.origin() + "/"), "the link points at the server's origin: " + link);
    return link;
  }

  /**
   * Runs {@code swarmrtc-peer share FILE --room ROOM} (the Java CLI) in {@code home}, output to
   * {@code log}, and returns the link it prints; the topology stops it on close.
   */
  String shareWithTheCli(Home home, Path file, String room, Path log) {
    List<String> cmd = new ArrayList<>(JavaPeerProcess.javaCommand());
    cmd.addAll(List.of(SwarmCli.class.getName(), "share", file.toString(), "--room", room,
        "--server", server.origin(), "--no-qr"));
    home.home().start(log, cmd.toArray(String[]::new));
    return Poll.until("the CLI's share link (log " + log + ")", Duration.ofSeconds(60),
        () -> readLog(log).lines().filter(l -> l.startsWith(server.origin() + "/")).findFirst());
  }

  /** A process log as it is now (empty before the process wrote it). */
  static String readLog(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a share link: the download page starts fetching. */
  static void openDownload(Chromium browser, String link) {
    browser.open(URI.create(link));
    browser.waitForJs("return !!(window.swarmrtcApp && swarmrtcApp.download)", PAGE_LOAD,
        "the download page to start in " + browser.name());
  }

  /** The download session's snapshot (client-js/src/transfer.js). */
  static Map<?, ?> snapshot(Chromium browser) {
    return WebApp.snapshot(browser, "download");
  }

  /** Bytes of verified pieces so far. */
  static long verifiedBytes(Chromium browser) {
    Object v = browser.js("const p = swarmrtcApp.download.snapshot().progress; return p ? p.verifiedBytes : 0");
    return ((Number) v).longValue();
  }

  /** Payload bytes received so far, counting every block, also those fetched twice. */
  static long bytesReceived(Chromium browser) {
    return ((Number) browser.js("return swarmrtcApp.download.snapshot().speed.bytesReceived")).longValue();
  }

  /** Waits until at least {@code bytes} are verified; returns how many are. */
  static long awaitVerifiedBytes(Chromium browser, long bytes, Duration timeout) {
    Object v = browser.waitForJs("const s = swarmrtcApp.download.snapshot();"
            + " if (s.error) throw new Error('download failed: ' + s.error);"
            + " return s.progress && s.progress.verifiedBytes >= " + bytes + " ? s.progress.verifiedBytes : null",
        SNAPSHOT, timeout, browser.name() + " to verify " + bytes + " bytes");
    return ((Number) v).longValue();
  }

  /** Waits until the download page has finished, saves the file and checks its SHA-256 against {@code original}. */
  static void awaitIntactDownload(Chromium browser, Path original, long size, Duration timeout) {
    WebApp.awaitDownload(browser, timeout);
    Path saved = WebApp.saveDownload(browser, original.getFileName().toString(), size, Duration.ofSeconds(30));
    org.junit.jupiter.api.Assertions.assertEquals(TestFiles.sha256(original), TestFiles.sha256(saved),
        "SHA-256 of the file " + browser.name() + " saved");
  }

  /** What the download page's peer list shows for its connected peers: their data-path values. */
  static Object awaitPeerPath(Chromium browser, String path, Duration timeout) {
    return browser.waitForJs("const li = [...document.querySelectorAll('#peer-list li[data-connected=\"true\"]')];"
            + " return li.length > 0 && li.every((e) => e.dataset.path === '" + path + "') ? li.length : null",
        "return document.querySelector('#peer-list').outerHTML", timeout, "the peer list of " + browser.name() + " to show " + path);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      topology.close();
    }
  }
}
