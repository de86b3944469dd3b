package io.swarmrtc.stunturn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.swarmrtc.stunturn.StunTurnServer;
import io.swarmrtc.stunturn.testing.Coturn;
import io.swarmrtc.stunturn.testing.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clients nobody here wrote: coturn's turnutils_stunclient and turnutils_uclient, run as
 * processes against our server on 127.0.0.1. turnutils_uclient relays through our server to
 * turnutils_peer (an echo peer on an allow-listed loopback port) and counts what comes back.
 */
class CoturnClientsInteropTest {
  private static StunTurnServer server;
  private static Coturn.EchoPeer peer;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Coturn.installed("turnutils_uclient", "turnutils_stunclient", "turnutils_peer"),
        "coturn's turnutils_* are not installed (apt install coturn)");
    server = startOnOnePortForUdpAndTcp();
    peer = Coturn.startEchoPeer();
  }

  /** turnutils_uclient uses one -p for UDP and TCP, so both listeners need the same port. */
  private static StunTurnServer startOnOnePortForUdpAndTcp() throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      int port;
      try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
          InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      try {
        return StunTurnServer.start(TestServers.loopbackPeers().maxAllocationsPerUser(100)
            .udpPort(port).tcpPort(port).build());
      } catch (java.net.BindException e) {
        last = e; // the UDP side of that port was taken: try another
      }
    }
    throw last;
  }

  @AfterAll
  static void stop() throws Exception {
    if (peer != null) {
      peer.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void turnutilsStunclientLearnsItsReflexiveAddress() throws Exception {
    String out = Coturn.run(List.of("turnutils_stunclient", "-p", String.valueOf(server.udpPort()),
        "127.0.0.1"));
    assertTrue(out.contains("UDP reflexive addr: 127.0.0.1:"), out);
  }

  static Stream<Arguments> uclientModes() {
    String user = TestServers.USER;
    String pw = TestServers.PASSWORD;
    String secret = TestServers.SECRET;
    return Stream.of(
        Arguments.of("UDP, long-term credentials, ChannelData", List.of("-u", user, "-w", pw)),
        Arguments.of("UDP, long-term credentials, Send/Data indications",
            List.of("-s", "-u", user, "-w", pw)),
        Arguments.of("TCP, long-term credentials, ChannelData",
            List.of("-t", "-u", user, "-w", pw)),
        Arguments.of("UDP, REST credentials from the shared secret",
            List.of("-W", secret, "-u", "peer-udp")),
        Arguments.of("TCP, REST credentials, Send/Data indications",
            List.of("-t", "-s", "-W", secret, "-u", "peer-tcp")));
  }

  @ParameterizedTest(name = "turnutils_uclient over {0} relays every message to its peer and back")
  @MethodSource("uclientModes")
  void turnutilsUclientRelaysThroughOurServer(String name, List<String> flags) throws Exception {
    long relayedBefore = server.metrics().relayedBytes();
    List<String> cmd = new ArrayList<>(List.of("turnutils_uclient", "-c", "-n", "20", "-m", "2",
        "-l", "200", "-z", "5", "-e", "127.0.0.1", "-r", String.valueOf(peer.port()),
        "-p", String.valueOf(server.udpPort())));
    cmd.addAll(flags);
    cmd.add("127.0.0.1");
    String out = Coturn.run(cmd);
    Coturn.Totals totals = Coturn.uclientTotals(out);
    assertEquals(new Coturn.Totals(40, 40), totals,
        "every message sent (20 x 2 clients) came back intact:\n" + out);
    assertTrue(out.contains("Total lost packets 0 "), out);
    assertTrue(server.metrics().relayedBytes() - relayedBefore >= 2 * 40 * 200,
        "our server relayed the traffic");
  }
}
