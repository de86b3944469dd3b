package io.swarmrtc.stunturn.server;

import static io.swarmrtc.stunturn.testing.StunClient.errorCode;
import static io.swarmrtc.stunturn.testing.StunClient.isSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.stunturn.StunTurnServer;
import io.swarmrtc.stunturn.auth.RestCredentials;
import io.swarmrtc.stunturn.codec.ChannelData;
import io.swarmrtc.stunturn.codec.ChannelNumber;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.XorPeerAddress;
import io.swarmrtc.stunturn.testing.ReservedUdpPort;
import io.swarmrtc.stunturn.testing.StunClient;
import io.swarmrtc.stunturn.testing.TestServers;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-user and server-wide limits: 486 per user, 508 for capacity and relay ports, bandwidth. */
class QuotaTest {

  @Test
  void aUserBeyondTheirAllocationQuotaGets486() throws Exception {
    try (StunTurnServer server = StunTurnServer.start(
        TestServers.builder().maxAllocationsPerUser(2).build())) {
      List<StunClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          clients.add(new StunClient(server.udpPort())
              .credentials(TestServers.USER, TestServers.PASSWORD));
        }
        assertTrue(isSuccess(clients.get(0).allocate()));
        assertTrue(isSuccess(clients.get(1).allocate()));
        assertEquals(486, errorCode(clients.get(2).allocate()));
      } finally {
        clients.forEach(StunClient::close);
      }
    }
  }

  @Test
  void theServerAtItsTotalAllocationCapGives508ToEveryone() throws Exception {
    try (StunTurnServer server = StunTurnServer.start(
        TestServers.builder().maxAllocations(1).build());
        StunClient alice = new StunClient(server.udpPort())
            .credentials(TestServers.USER, TestServers.PASSWORD);
        StunClient bob = new StunClient(server.udpPort())) {
      RestCredentials.Issued c = RestCredentials.issue(TestServers.SECRET, "bob",
          Clock.systemUTC(), Duration.ofMinutes(5));
      bob.credentials(c.username(), c.password());
      assertTrue(isSuccess(alice.allocate()));
      assertEquals(508, errorCode(bob.allocate()));
    }
  }

  @Test
  void exhaustedRelayPortsGive508AndAFreedPortIsReused() throws Exception {
    try (ReservedUdpPort reserved = ReservedUdpPort.reserve();
        StunTurnServer server = StunTurnServer.start(
            TestServers.builder().relayPorts(reserved.port(), reserved.port()).build());
        StunClient first = new StunClient(server.udpPort())
            .credentials(TestServers.USER, TestServers.PASSWORD);
        StunClient second = new StunClient(server.udpPort())
            .credentials(TestServers.USER, TestServers.PASSWORD)) {
      int port = reserved.port();
      // The only port is held by another socket (ours): skipped, so the range is exhausted.
      assertEquals(508, errorCode(first.allocate()));
      reserved.release(); // outside the ephemeral range: nothing binding port 0 can take it now
      assertEquals(port, first.allocateRelay().getPort());
      assertEquals(508, errorCode(second.allocate()));
      assertTrue(isSuccess(first.request(StunMethod.REFRESH,
          w -> io.swarmrtc.stunturn.codec.Lifetime.write(w, 0))));
      assertEquals(port, second.allocateRelay().getPort());
    }
  }

  @Test
  void relayedBytesBeyondTheUsersBandwidthAreDropped() throws Exception {
    try (StunTurnServer server = StunTurnServer.start(
        TestServers.loopbackPeers().userBytesPerSecond(2_000).build());
        StunClient client = new StunClient(server.udpPort())
            .credentials(TestServers.USER, TestServers.PASSWORD);
        DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      client.allocateRelay();
      InetSocketAddress p = (InetSocketAddress) peer.getLocalSocketAddress();
      assertTrue(isSuccess(client.request(StunMethod.CHANNEL_BIND, w -> {
        ChannelNumber.write(w, 0x4000);
        XorPeerAddress.write(w, p);
      })));
      // 10 x 1000 bytes against a 2000-byte bucket: at most 2-3 pass in the same second.
      for (int i = 0; i < 10; i++) {
        client.sendRaw(new ChannelData(0x4000, new byte[1000]).encode(false));
      }
      peer.setSoTimeout(500);
      int received = 0;
      try {
        while (received < 10) {
          peer.receive(new DatagramPacket(new byte[2000], 2000));
          received++;
        }
      } catch (java.net.SocketTimeoutException expected) {
        // the rest was dropped
      }
      assertTrue(received >= 1 && received <= 3, "received " + received);
      assertTrue(server.metrics().droppedPackets() >= 7);
    }
  }
}
