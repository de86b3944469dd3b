package io.swarmrtc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.harness.CommandResult;
import io.swarmrtc.e2e.harness.Home;
import io.swarmrtc.e2e.harness.Namespace;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Poll;
import io.swarmrtc.e2e.harness.Topology;
import io.swarmrtc.e2e.harness.UdpMirror;
import io.swarmrtc.e2e.harness.UdpProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The namespace, veth and NAT mechanics of {@link Topology}, checked with real UDP traffic:
 * {@link UdpProbe} runs inside a namespace and {@link UdpMirror}s report the source address they saw.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class TopologyTest {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

  @Test
  void twoNamespacesJoinedByAVethExchangeUdp(@TempDir Path logs) throws IOException {
    try (Topology t = Topology.create()) {
      Namespace a = t.namespace("a");
      Namespace b = t.namespace("b");
      t.link(a, "10.9.0.1/24", b, "10.9.0.2/24");
      Path log = logs.resolve("mirror.log");
      a.start(log, UdpMirror.command("10.9.0.1", 7007));
      Poll.until("the UDP mirror in namespace a to listen", Duration.ofSeconds(20),
          () -> readQuietly(log).contains("listening") ? Optional.of(true) : Optional.empty());

      Map<String, String> seen = probe(b, "10.9.0.2", List.of("10.9.0.1:7007"));

      assertEquals(Map.of("10.9.0.1:7007", "10.9.0.2"), addressesOnly(seen), "mirror in a saw b's own address");
    }
  }

  @ParameterizedTest(name = "a home behind an {0} NAT reaches the internet from the router''s address")
  @EnumSource(NatMapping.class)
  void aHomeBehindANatReachesTheInternetFromTheRoutersAddress(NatMapping mapping) {
    try (Topology t = Topology.create()) {
      Home home = t.home(1, mapping);
      try (UdpMirror m1 = UdpMirror.start(home.gateway());
           UdpMirror m2 = UdpMirror.start(home.gateway());
           UdpMirror m3 = UdpMirror.start(home.gateway())) {
        List<String> mirrors = List.of(m1.address(), m2.address(), m3.address());

        Map<String, String> seen = probe(home.home(), home.address(), mirrors);

        assertEquals(Set.of(home.publicAddress()), Set.copyOf(addressesOnly(seen).values()),
            "every mirror saw the router's WAN address, not the home's: " + seen);
        Set<String> ports = seen.values().stream().map(s -> s.substring(s.indexOf(':') + 1)).collect(Collectors.toSet());
        if (mapping == NatMapping.ENDPOINT_INDEPENDENT) {
          assertEquals(1, ports.size(), "one external port for every destination: " + seen);
        } else {
          assertNotEquals(1, ports.size(), "a fresh external port per destination: " + seen);
        }
      }
    }
  }

  @Test
  void everyHomeReachesAServerOnTheFirstGatewayFromItsOwnRoutersAddress() {
    try (Topology t = Topology.create()) {
      List<Home> homes = List.of(t.home(1, NatMapping.ENDPOINT_INDEPENDENT), t.home(2, NatMapping.ENDPOINT_INDEPENDENT));
      try (UdpMirror server = UdpMirror.start(homes.get(0).gateway())) {
        for (Home home : homes) {
          Map<String, String> seen = probe(home.home(), home.address(), List.of(server.address()));

          assertEquals(Map.of(server.address(), home.publicAddress()), addressesOnly(seen), home.home().name());
        }
      }
    }
  }

  @Test
  void droppingForwardedUdpOnTheRouterCutsTheHomeOff() {
    try (Topology t = Topology.create()) {
      Home home = t.home(1, NatMapping.ENDPOINT_INDEPENDENT);
      home.router().iptables("-A", "FORWARD", "-p", "udp", "-j", "DROP");
      try (UdpMirror mirror = UdpMirror.start(home.gateway())) {
        CommandResult result = home.home().exec(PROBE_TIMEOUT, UdpProbe.command(home.address(), 1000, List.of(mirror.address())));

        assertTrue(result.stdout().contains("timeout " + mirror.address()), "probe output: " + result);
      }
    }
  }

  @Test
  void closingRemovesNamespacesHostLinksAndHostRules() {
    Topology t = Topology.create();
    t.home(1, NatMapping.ENDPOINT_INDEPENDENT);
    t.host().iptables("-A", "FORWARD", "-p", "udp", "-j", "DROP");
    assertTrue(t.host().run("ip", "netns", "list").contains("nat1"));

    t.close();
    t.close(); // idempotent

    Namespace host = t.host(); // still runs commands after close
    String namespaces = host.run("ip", "netns", "list");
    assertFalse(namespaces.contains("nat1") || namespaces.contains("home1"), "left: " + namespaces);
    assertFalse(host.run("ip", "-o", "link").contains("to-nat1"), "host end of the WAN link is gone");
    assertFalse(host.run("iptables", "-S", "FORWARD").contains("-p udp -j DROP"), "host rule is gone");
  }

  private static Map<String, String> probe(Namespace from, String bind, List<String> mirrors) {
    CommandResult result = from.exec(PROBE_TIMEOUT, UdpProbe.command(bind, 5000, mirrors)).requireSuccess();
    Map<String, String> seen = result.stdout().lines()
        .filter(l -> l.startsWith("seen "))
        .map(l -> l.split(" "))
        .collect(Collectors.toMap(f -> f[1], f -> f[2]));
    assertEquals(Set.copyOf(mirrors), seen.keySet(), "every mirror answered; probe output: " + result.stdout());
    return seen;
  }

  private static Map<String, String> addressesOnly(Map<String, String> seen) {
    return seen.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().substring(0, e.getValue().lastIndexOf(':'))));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
