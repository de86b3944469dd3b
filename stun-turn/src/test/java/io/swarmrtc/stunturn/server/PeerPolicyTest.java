package io.swarmrtc.stunturn.server;

import static io.swarmrtc.stunturn.testing.StunClient.errorCode;
import static io.swarmrtc.stunturn.testing.StunClient.isSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.stunturn.StunTurnServer;
import io.swarmrtc.stunturn.codec.ChannelNumber;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.XorPeerAddress;
import io.swarmrtc.stunturn.testing.StunClient;
import io.swarmrtc.stunturn.testing.TestServers;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Safe by default: CreatePermission and ChannelBind to any denied range get 403, over the wire. */
class PeerPolicyTest {
  private static StunTurnServer server;

  @BeforeAll
  static void start() throws Exception {
    // No allow-list; every case holds one allocation of the same user until the server stops.
    server = StunTurnServer.start(TestServers.builder().maxAllocationsPerUser(1000).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<String> deniedPeers() {
    return Stream.of("127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1",
        "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1",
        "100.127.255.255", "169.254.0.1", "169.254.169.254", "224.0.0.1", "239.255.255.250",
        "255.255.255.255", "240.0.0.1", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1",
        "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
        "::ffff:192.168.0.1", "::127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1");
  }

  @ParameterizedTest(name = "CreatePermission to {0} is refused with 403")
  @MethodSource("deniedPeers")
  void createPermissionToADeniedPeerGets403(String peer) throws Exception {
    try (StunClient c = allocatedClient()) {
      assertEquals(403, errorCode(c.request(StunMethod.CREATE_PERMISSION,
          w -> XorPeerAddress.write(w, address(peer)))));
    }
  }

  @ParameterizedTest(name = "ChannelBind to {0} is refused with 403")
  @MethodSource("deniedPeers")
  void channelBindToADeniedPeerGets403(String peer) throws Exception {
    try (StunClient c = allocatedClient()) {
      assertEquals(403, errorCode(c.request(StunMethod.CHANNEL_BIND, w -> {
        ChannelNumber.write(w, 0x4000);
        XorPeerAddress.write(w, address(peer));
      })));
    }
  }

  @Test
  void aPublicPeerIsPermittedAndAnAllowedIpv6PeerGets443OnOurIpv4Relay() throws Exception {
    try (StunClient c = allocatedClient()) {
      assertTrue(isSuccess(c.request(StunMethod.CREATE_PERMISSION,
          w -> XorPeerAddress.write(w, address("198.51.100.7")))));
      assertEquals(443, errorCode(c.request(StunMethod.CREATE_PERMISSION,
          w -> XorPeerAddress.write(w, address("2001:db8::1")))));
    }
  }

  @Test
  void oneDeniedPeerAmongSeveralRefusesTheWholeCreatePermission() throws Exception {
    try (StunClient c = allocatedClient()) {
      assertEquals(403, errorCode(c.request(StunMethod.CREATE_PERMISSION, w -> {
        XorPeerAddress.write(w, address("198.51.100.7"));
        XorPeerAddress.write(w, address("10.1.2.3"));
      })));
    }
  }

  @Test
  void theAllowListOpensExactlyTheConfiguredBlock() throws Exception {
    try (StunTurnServer lab = StunTurnServer.start(
        TestServers.builder().allowPeers("127.0.0.2/32").build());
        StunClient c = new StunClient(lab.udpPort())
            .credentials(TestServers.USER, TestServers.PASSWORD);
        DatagramSocket peer = new DatagramSocket(
            new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
      c.allocateRelay();
      InetSocketAddress p = (InetSocketAddress) peer.getLocalSocketAddress();
      assertTrue(isSuccess(c.request(StunMethod.CREATE_PERMISSION,
          w -> XorPeerAddress.write(w, p))));
      assertEquals(403, errorCode(c.request(StunMethod.CREATE_PERMISSION,
          w -> XorPeerAddress.write(w, address("127.0.0.1")))));
      c.sendRaw(c.signedIndication(p, "allowed"));
      peer.setSoTimeout(3000);
      DatagramPacket got = new DatagramPacket(new byte[100], 100);
      peer.receive(got);
      assertEquals("allowed", new String(got.getData(), 0, got.getLength(), StandardCharsets.UTF_8));
    }
  }

  private static StunClient allocatedClient() throws Exception {
    StunClient c = new StunClient(server.udpPort())
        .credentials(TestServers.USER, TestServers.PASSWORD);
    c.allocateRelay();
    return c;
  }

  /** Literal to socket address, keeping IPv4-mapped IPv6 forms as IPv6 on the wire. */
  static InetSocketAddress address(String literal) {
    try {
      InetAddress a = InetAddress.getByName(literal);
      if (literal.contains(":") && a.getAddress().length == 4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xFF;
        v6[11] = (byte) 0xFF;
        System.arraycopy(a.getAddress(), 0, v6, 12, 4);
        a = Inet6Address.getByAddress(null, v6, -1);
      }
      return new InetSocketAddress(a, 3478);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
