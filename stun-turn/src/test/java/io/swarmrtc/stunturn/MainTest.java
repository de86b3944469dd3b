package io.swarmrtc.stunturn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The standalone flags map onto the config, and bad flags fail fast with a clear message. */
class MainTest {

  @Test
  void flagsMapOntoTheConfig() throws Exception {
    StunTurnConfig c = Main.parse(new String[] {"--bind", "0.0.0.0", "--relay-address",
        "192.0.2.10", "--udp-port", "3479", "--tcp-port", "off", "--realm", "r",
        "--user", "u:p:w", "--relay-ports", "50000-50100", "--allow-peer", "10.0.0.0/8",
        "--max-allocations", "5", "--max-allocations-per-user", "2",
        "--user-bandwidth", "1000"}, null);
    assertEquals(InetAddress.getByName("0.0.0.0"), c.bindAddress());
    assertEquals(InetAddress.getByName("192.0.2.10"), c.relayAddress());
    assertEquals(3479, c.udpPort());
    assertEquals(StunTurnConfig.DISABLED, c.tcpPort());
    assertEquals("p:w", c.users().get("u"), "only the first colon separates");
    assertEquals(50000, c.relayPortMin());
    assertEquals(50100, c.relayPortMax());
    assertEquals(1, c.allowedPeers().size());
    assertEquals(5, c.maxAllocations());
    assertEquals(2, c.maxAllocationsPerUser());
    assertEquals(1000, c.userBytesPerSecond());
  }

  @Test
  void theSecretMayComeFromTheEnvironment() throws Exception {
    assertEquals("s3cret", Main.parse(new String[0], "s3cret").sharedSecret());
  }

  @Test
  void helpReturnsNoConfig() throws Exception {
    assertNull(Main.parse(new String[] {"--help"}, null));
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {
      "--frobnicate 1",
      "--user nocolon",
      "--relay-ports 10",
      "--relay-ports 6000-5000",
      "--bind example.com",
      "--bind 0.0.0.0 --user a:b",
      "--udp-port 70000 --user a:b",
      "--udp-port off --tcp-port off --user a:b",
      "--allow-peer 10.0.0.0/40 --user a:b",
      "--realm",
  })
  void badFlagsAreRefused(String flags) {
    assertThrows(IllegalArgumentException.class, () -> Main.parse(flags.split(" "), null));
  }

  @Test
  void withoutAnyCredentialsTheServerRefusesToStart() {
    assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[0], null));
  }
}
