package io.swarmrtc.e2e.app;

import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.Poll;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;

/**
 * The real swarmrtc server, started in this JVM on 127.0.0.1 and a free port, and the steps a user
 * takes in its web app, driven in a {@link Chromium}: share a file on the share page, open a link
 * on the download page, save the result.
 *
 * <p>A test class registers one for all its tests, started before the first and stopped after the
 * last: {@code @RegisterExtension static final WebApp app = WebApp.perTestClass();}. Otherwise:
 *
 * <pre>{@code
 * try (WebApp app = WebApp.start()) {
 *   String link = app.share(alice, file);
 *   app.openDownload(bob, link);
 *   app.awaitDownloaded(bob, Duration.ofSeconds(60));
 *   Path saved = app.save(bob, file.getFileName().toString(), size, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>The server advertises no ICE servers ({@link ServerConfig.Builder#advertiseIceServers}): no
 * STUN/TURN server runs in these tests, and handing out unreachable ones would only keep ICE
 * gathering busy. Browsers connect over host candidates inside the test namespace.
 *
 * <p>Page state is read from {@code window.swarmrtcApp} (client-js/README.md): {@code share} and
 * {@code download} are the sessions, {@code snapshot()} their state.
 */
public final class WebApp implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  private volatile SwarmrtcServer server;

  private WebApp() {}

  /** A server started now; {@link #close()} stops it. */
  public static WebApp start() {
    WebApp app = new WebApp();
    app.startServer();
    return app;
  }

  /** A server for a test class's tests, as a static {@code @RegisterExtension} field. */
  public static WebApp perTestClass() {
    return new WebApp();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startServer();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private void startServer() {
    server = SwarmrtcServer.start(ServerConfig.builder()
        .host("127.0.0.1").port(0).advertiseIceServers(false).build());
  }

  public URI uri(String path) {
    SwarmrtcServer running = server;
    if (running == null) {
      throw new IllegalStateException("the web app's server is not running");
    }
    return URI.create("http://127.0.0.1:" + running.port() + path);
  }

  /** Opens the share page, picks {@code file} in {@code #file-input} and returns the link it shows. */
  public String share(Chromium browser, Path file, Duration timeout) {
    browser.open(uri("/"));
    browser.waitForJs("return document.querySelector('#file-input') !== null", Duration.ofSeconds(10),
        "the share page to load in " + browser.name());
    browser.driver().findElement(By.id("file-input")).sendKeys(file.toAbsolutePath().toString());
    return (String) browser.waitForJs(
        "return document.querySelector('#share-link').value || null",
        "return JSON.stringify(window.swarmrtcApp && swarmrtcApp.share && swarmrtcApp.share.snapshot())",
        timeout, "the share link in " + browser.name());
  }

  /** Opens a share link (the download page). */
  public void openDownload(Chromium browser, String link) {
    browser.open(URI.create(link));
    browser.waitForJs("return !!(window.swarmrtcApp && swarmrtcApp.download)", Duration.ofSeconds(10),
        "the download page to start in " + browser.name());
  }

  /** Waits until the download page says every piece is verified; fails early on a page error. */
  public void awaitDownloaded(Chromium browser, Duration timeout) {
    awaitDownload(browser, timeout);
  }

  /** As {@link #awaitDownloaded}, for a download page served by any server. */
  public static void awaitDownload(Chromium browser, Duration timeout) {
    Object phase = browser.waitForJs(
        "const s = swarmrtcApp.download.snapshot(); return s.phase === 'done' || s.error ? (s.error || 'done') : null",
        "return JSON.stringify(swarmrtcApp.download.snapshot())", timeout, browser.name() + " to finish the download");
    if (!"done".equals(phase)) {
      throw new AssertionError(browser.name() + " failed the download with " + phase + ": "
          + browser.js("return JSON.stringify(swarmrtcApp.download.snapshot())"));
    }
  }

  /**
   * Saves the finished download the way the page does when no file picker is available (a browser
   * download into the profile's download directory) and returns the saved file once complete.
   */
  public Path save(Chromium browser, String fileName, long size, Duration timeout) {
    return saveDownload(browser, fileName, size, timeout);
  }

  /** As {@link #save}, for a download page served by any server. */
  public static Path saveDownload(Chromium browser, String fileName, long size, Duration timeout) {
    browser.call("await swarmrtcApp.download.save({picker: false})", Duration.ofSeconds(10));
    Path saved = browser.downloadDir().resolve(fileName);
    return Poll.until(fileName + " (" + size + " bytes) in " + browser.downloadDir(), timeout, () -> {
      try {
        boolean complete = Files.isRegularFile(saved) && Files.size(saved) == size
            && !Files.exists(browser.downloadDir().resolve(fileName + ".crdownload"));
        return complete ? Optional.of(saved) : Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The session's snapshot ({@code "share"} or {@code "download"}). */
  public static Map<?, ?> snapshot(Chromium browser, String session) {
    return (Map<?, ?>) browser.js("return swarmrtcApp." + session + ".snapshot()");
  }

  /** The browser's peer id in its room. */
  public static String peerId(Chromium browser, String session) {
    return (String) browser.js("return swarmrtcApp." + session + ".mesh.peerId");
  }

  @Override
  public void close() {
    SwarmrtcServer running = server;
    server = null;
    if (running != null) {
      running.close();
    }
  }
}
