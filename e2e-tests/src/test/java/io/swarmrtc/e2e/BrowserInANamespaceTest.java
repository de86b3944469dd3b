package io.swarmrtc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.Home;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.StaticSite;
import io.swarmrtc.e2e.harness.Topology;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser can live in a home namespace behind a NAT while chromedriver and the test stay in the
 * test's namespace (the "internet"): the set-up the NAT e2e tests build on.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class BrowserInANamespaceTest {

  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void aBrowserBehindANatLoadsAPageFromTheInternetAndSeesOnlyItsHomeAddress(@TempDir Path www) throws Exception {
    Files.writeString(www.resolve("index.html"), "<!doctype html><title>internet</title><p id=p>hello home</p>");
    try (Topology t = Topology.create()) {
      Home home = t.home(1, NatMapping.ENDPOINT_INDEPENDENT);

      try (StaticSite site = StaticSite.directory(www, InetAddress.getByName(home.gateway()))) {
        String origin = site.uri("").toString();
        Chromium alice = browsers.start("alice", b -> b.inNamespace(home.home().name())
            .args("--unsafely-treat-insecure-origin-as-secure=" + origin));
        alice.open(site.uri("/index.html"));

        assertEquals("hello home", alice.js("return document.getElementById('p').textContent"));
        assertEquals(true, alice.js("return window.isSecureContext"), "origin treated as secure");
        alice.js("window.found = [];"
            + "const pc = new RTCPeerConnection(); pc.createDataChannel('x');"
            + "pc.onicecandidate = e => e.candidate && window.found.push(e.candidate.address);"
            + "pc.createOffer().then(o => pc.setLocalDescription(o));");
        List<?> found = (List<?>) alice.waitForJs("return window.found.includes('" + home.address() + "') && window.found",
            "return window.found", Duration.ofSeconds(10), "a host candidate with the home address");
        assertFalse(found.contains(NetnsGuard.ADDRESS), "the test namespace's veth is not visible at home: " + found);
      }
    }
  }
}
