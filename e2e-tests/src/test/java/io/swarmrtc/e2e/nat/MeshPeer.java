package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.Home;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Chromium in a home namespace that loads the web app from the {@link PublicServer}'s IP-literal
 * origin and joins a room with the real browser library ({@code PeerMesh}: signaling, ICE servers
 * from {@code /api/ice-servers}, trickle ICE), driven through {@code resources/nat/mesh-probe.js}.
 */
final class MeshPeer {

  private static final Logger LOG = LoggerFactory.getLogger(MeshPeer.class);
  private static final String PROBE = resource("/nat/mesh-probe.js");
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(15);

  final Chromium browser;
  final String peerId;

  private MeshPeer(Chromium browser, String peerId) {
    this.browser = browser;
    this.peerId = peerId;
  }

  /**
   * Starts a browser named {@code name} in {@code home}, opens the web app and joins {@code room},
   * moving test bytes over a channel of its own ({@code bulk}).
   */
  static MeshPeer join(Browsers browsers, String name, Home home, PublicServer server, String room,
                       Duration iceTimeout) {
    return join(browsers, name, home, server, room, iceTimeout, "bulk");
  }

  /** As above, moving test bytes over channel {@code label} ({@code swarm} to talk to a Java peer). */
  static MeshPeer join(Browsers browsers, String name, Home home, PublicServer server, String room,
                       Duration iceTimeout, String label) {
    Chromium browser = browsers.start(name, b -> b.inNamespace(home.home().name())
        .args("--unsafely-treat-insecure-origin-as-secure=" + server.origin()));
    browser.open(server.uri("/"));
    browser.waitForJs("return document.readyState === 'complete' && window.isSecureContext",
        PAGE_TIMEOUT, "the web app to load (as a secure context) in " + name);
    String peerId = (String) browser.call(PROBE, PAGE_TIMEOUT, room, iceTimeout.toMillis(), label);
    LOG.info("{} joined room {} as {} from {} (NAT address {})", name, room, peerId, home.address(), home.publicAddress());
    return new MeshPeer(browser, peerId);
  }

  String name() {
    return browser.name();
  }

  Map<?, ?> state() {
    return (Map<?, ?>) browser.js("return meshProbe.state()");
  }

  /** Waits until the "bulk" channel to the other peer is open; fails with the probe's state if not. */
  void awaitOpen(Duration timeout) {
    browser.waitForJs("const s = meshProbe.state(); return s.bulk === 'open' && s.connected.length === 1",
        "return JSON.stringify(meshProbe.state())", timeout, "the data channel of " + name() + " to open");
  }

  /** The first error the library reported (a peer connection or the mesh), waiting for it. */
  Map<?, ?> awaitError(Duration timeout) {
    return (Map<?, ?>) browser.waitForJs("return meshProbe.state().errors[0]",
        "return JSON.stringify(meshProbe.state())", timeout, "an error reported by the library in " + name());
  }

  /**
   * What the web app ({@code js/ui.js}) would tell the user about {@code error}, and what it says
   * for the bare error code: {@code [specific, generic]}.
   */
  List<?> userMessages(Map<?, ?> error) {
    return (List<?>) browser.call("const ui = await import(new URL('/js/ui.js', location.origin).href);"
        + "return [ui.describeError(arguments[0]), ui.describeError({code: arguments[0].code})]",
        Duration.ofSeconds(5), error);
  }

  /** The selected path to the other peer: {@code kind} (direct/relayed), {@code local}, {@code remote}. */
  Map<?, ?> path() {
    return (Map<?, ?>) browser.call("return await meshProbe.path()", Duration.ofSeconds(5));
  }

  /** Prepares to receive {@code size} bytes on the test channel. */
  void expect(int size) {
    browser.js("meshProbe.expect(arguments[0])", size);
  }

  /** Sends {@code size} pseudo-random bytes on the test channel; returns their SHA-256 (hex). */
  String sendRandom(int size, Duration timeout) {
    Map<?, ?> sent = (Map<?, ?>) browser.call(
        "return await meshProbe.sendRandom(arguments[0], arguments[1])", timeout, size, 0x5eed_0002);
    return (String) sent.get("sha256");
  }

  /** Waits until {@code size} bytes arrived and were hashed; returns the SHA-256 (hex). */
  String awaitReceived(int size, Duration timeout) {
    Map<?, ?> received = (Map<?, ?>) browser.waitForJs(
        "const r = meshProbe.received(); return r && (r.error || r.sha256) ? r : null",
        "return JSON.stringify(meshProbe.received())", timeout, name() + " to receive and hash " + size + " bytes");
    assertNull(received.get("error"), "receiver error");
    assertEquals((long) size, ((Number) received.get("received")).longValue(), "bytes received");
    return (String) received.get("sha256");
  }

  /**
   * Sends {@code size} pseudo-random bytes from {@code from} to {@code to} and asserts that they
   * arrive complete with the same SHA-256. Returns the wall time in milliseconds.
   */
  static long transferIntact(MeshPeer from, MeshPeer to, int size, Duration timeout) {
    to.browser.js("meshProbe.expect(arguments[0])", size);
    long started = System.nanoTime();
    Map<?, ?> sent = (Map<?, ?>) from.browser.call(
        "return await meshProbe.sendRandom(arguments[0], arguments[1])", timeout, size, 0x5eed_0001);
    Map<?, ?> received = (Map<?, ?>) to.browser.waitForJs(
        "const r = meshProbe.received(); return r && (r.error || r.sha256) ? r : null",
        "return JSON.stringify(meshProbe.received())", timeout,
        to.name() + " to receive and hash " + size + " bytes");
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertNull(received.get("error"), "receiver error");
    assertEquals((long) size, ((Number) received.get("received")).longValue(), "bytes received");
    assertEquals(sent.get("sha256"), received.get("sha256"), "SHA-256 sent vs received");
    LOG.info("{} -> {}: {} MiB intact in {} ms ({} MB/s)", from.name(), to.name(), size >> 20, millis,
        millis == 0 ? "?" : size / 1000 / millis);
    return millis;
  }

  private static String resource(String name) {
    try (InputStream in = MeshPeer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
