package io.swarmrtc.stunturn.server;

import static io.swarmrtc.stunturn.testing.StunClient.errorCode;
import static io.swarmrtc.stunturn.testing.StunClient.isSuccess;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.stunturn.StunTurnServer;
import io.swarmrtc.stunturn.auth.LongTermKey;
import io.swarmrtc.stunturn.auth.RestCredentials;
import io.swarmrtc.stunturn.codec.ChannelData;
import io.swarmrtc.stunturn.codec.ChannelNumber;
import io.swarmrtc.stunturn.codec.Data;
import io.swarmrtc.stunturn.codec.Lifetime;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.MessageIntegrity;
import io.swarmrtc.stunturn.codec.MessageIntegritySha256;
import io.swarmrtc.stunturn.codec.Nonce;
import io.swarmrtc.stunturn.codec.Realm;
import io.swarmrtc.stunturn.codec.RequestedAddressFamily;
import io.swarmrtc.stunturn.codec.RequestedTransport;
import io.swarmrtc.stunturn.codec.Software;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.XorMappedAddress;
import io.swarmrtc.stunturn.codec.XorPeerAddress;
import io.swarmrtc.stunturn.codec.XorRelayedAddress;
import io.swarmrtc.stunturn.testing.MutableClock;
import io.swarmrtc.stunturn.testing.StunClient;
import io.swarmrtc.stunturn.testing.TestServers;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** STUN and TURN over UDP against the real server on loopback, time driven by a MutableClock. */
class TurnOverUdpTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private StunTurnServer server;
  private StunClient client;
  private DatagramSocket peer;

  @BeforeEach
  void start() throws Exception {
    server = StunTurnServer.start(TestServers.loopbackPeers().clock(clock).build());
    client = new StunClient(server.udpPort()).credentials(TestServers.USER, TestServers.PASSWORD);
    peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    peer.setSoTimeout(3000);
  }

  @AfterEach
  void stop() {
    peer.close();
    client.close();
    server.close();
  }

  private InetSocketAddress peerAddress() {
    return (InetSocketAddress) peer.getLocalSocketAddress();
  }

  @Test
  void bindingAnswersWithTheClientsAddressSoftwareAndFingerprintInASmallResponse() throws Exception {
    byte[] request = client.bindingRequest();
    StunMessage r = client.exchange(request);
    assertTrue(isSuccess(r));
    assertEquals(client.localAddress(), XorMappedAddress.first(r));
    assertEquals("swarmrtc", Software.read(r));
    assertTrue(r.hasFingerprint());
    assertTrue(r.length() <= 64, "response " + r.length() + " bytes");
    assertEquals(1, server.metrics().bindings());
  }

  @Test
  void allocateWithoutCredentialsIsChallengedWith401RealmAndNonceOnly() throws Exception {
    StunMessage r = client.challenge(StunMethod.ALLOCATE,
        w -> RequestedTransport.write(w, RequestedTransport.UDP));
    assertEquals(401, errorCode(r));
    assertEquals(TestServers.REALM, Realm.read(r));
    assertNotNull(Nonce.read(r));
    assertFalse(r.hasMessageIntegrity());
    assertTrue(r.length() <= 120, "challenge " + r.length() + " bytes");
    assertEquals(1, server.metrics().errorResponses(401));
    assertEquals(0, server.metrics().errorResponses(438));
    assertEquals(1, server.metrics().errorResponses());
  }

  @Test
  void allocateWithLongTermCredentialsReturnsASignedRelayOnLoopback() throws Exception {
    StunMessage r = client.allocate();
    assertTrue(isSuccess(r), "error " + errorCode(r));
    InetSocketAddress relayed = XorRelayedAddress.first(r);
    assertEquals(InetAddress.getLoopbackAddress(), relayed.getAddress());
    assertEquals(600, Lifetime.read(r));
    assertEquals(client.localAddress(), XorMappedAddress.first(r));
    byte[] key = LongTermKey.md5(TestServers.USER, TestServers.REALM, TestServers.PASSWORD);
    assertTrue(MessageIntegrity.verify(r, key));
    assertEquals(1, server.metrics().activeAllocations());
  }

  @Test
  void messageIntegritySha256WithTheMd5KeyIsAcceptedAndAnsweredInKind() throws Exception {
    client.useSha256(true);
    StunMessage r = client.allocate();
    assertTrue(isSuccess(r), "error " + errorCode(r));
    byte[] key = LongTermKey.md5(TestServers.USER, TestServers.REALM, TestServers.PASSWORD);
    assertTrue(MessageIntegritySha256.verify(r, key));
    assertFalse(r.hasMessageIntegrity());
  }

  @Test
  void aWrongPasswordGets401() throws Exception {
    client.credentials(TestServers.USER, "not-the-password");
    assertEquals(401, errorCode(client.allocate()));
  }

  @Test
  void restCredentialsAreAcceptedUntilTheyExpireThen401() throws Exception {
    RestCredentials.Issued c = RestCredentials.issue(TestServers.SECRET, "peer-1", clock,
        Duration.ofMinutes(5));
    client.credentials(c.username(), c.password());
    assertTrue(isSuccess(client.allocate()));
    try (StunClient late = new StunClient(server.udpPort())) {
      late.credentials(c.username(), c.password());
      clock.advance(Duration.ofMinutes(6));
      assertEquals(401, errorCode(late.allocate()));
    }
  }

  @Test
  void anExpiredNonceGets438WithAFreshNonceThatWorks() throws Exception {
    client.allocateRelay();
    assertTrue(isSuccess(client.request(StunMethod.REFRESH, w -> Lifetime.write(w, 3600))));
    String old = client.nonce();
    clock.advance(Duration.ofMinutes(11));
    StunMessage stale = client.exchange(client.signed(StunMethod.REFRESH, MessageClass.REQUEST,
        w -> Lifetime.write(w, 600)));
    assertEquals(438, errorCode(stale));
    String fresh = Nonce.read(stale);
    assertNotNull(fresh);
    assertFalse(fresh.equals(old));
    client.nonce(fresh);
    assertTrue(isSuccess(client.request(StunMethod.REFRESH, w -> Lifetime.write(w, 600))));
  }

  @Test
  void aSecondAllocateOnTheSameFiveTupleGets437() throws Exception {
    client.allocateRelay();
    assertEquals(437, errorCode(client.allocate()));
  }

  @Test
  void tcpRelayTransportGets442AndIpv6RelayGets440() throws Exception {
    assertEquals(442, errorCode(client.request(StunMethod.ALLOCATE,
        w -> RequestedTransport.write(w, 6))));
    assertEquals(440, errorCode(client.request(StunMethod.ALLOCATE, w -> {
      RequestedTransport.write(w, RequestedTransport.UDP);
      RequestedAddressFamily.write(w, RequestedAddressFamily.IPV6);
    })));
  }

  @Test
  void refreshByAnotherUserOnTheSameFiveTupleGets441() throws Exception {
    client.allocateRelay();
    RestCredentials.Issued c = RestCredentials.issue(TestServers.SECRET, "mallory", clock,
        Duration.ofMinutes(5));
    client.credentials(c.username(), c.password());
    assertEquals(441, errorCode(client.request(StunMethod.REFRESH, w -> Lifetime.write(w, 600))));
  }

  @Test
  void requestsWithoutAnAllocationGet437() throws Exception {
    assertEquals(437, errorCode(client.request(StunMethod.REFRESH, w -> Lifetime.write(w, 600))));
    assertEquals(437, errorCode(client.request(StunMethod.CREATE_PERMISSION,
        w -> XorPeerAddress.write(w, peerAddress()))));
  }

  @Test
  void sendIndicationReachesThePeerAndThePeersReplyComesBackAsDataIndication() throws Exception {
    InetSocketAddress relayed = client.allocateRelay();
    assertTrue(isSuccess(createPermission(peerAddress())));
    client.sendRaw(client.signedIndication(peerAddress(), "hello peer"));
    DatagramPacket got = receive(peer);
    assertEquals("hello peer", text(got));
    assertEquals(relayed, got.getSocketAddress());

    byte[] reply = "hello client".getBytes(StandardCharsets.UTF_8);
    peer.send(new DatagramPacket(reply, reply.length, relayed));
    byte[] d = client.receiveRaw(3000);
    StunMessage data = StunMessage.decode(d, 0, d.length);
    assertEquals(StunMethod.DATA, data.method());
    assertEquals(MessageClass.INDICATION, data.messageClass());
    assertEquals(peerAddress(), XorPeerAddress.first(data));
    assertArrayEquals(reply, Data.copy(data));
  }

  @Test
  void channelDataFlowsBothWaysIntactAfterChannelBind() throws Exception {
    InetSocketAddress relayed = client.allocateRelay();
    assertTrue(isSuccess(channelBind(0x4001, peerAddress())));
    byte[] payload = new byte[1001];
    new java.util.Random(1).nextBytes(payload);
    client.sendRaw(new ChannelData(0x4001, payload).encode(false));
    DatagramPacket got = receive(peer);
    assertArrayEquals(payload, Arrays.copyOf(got.getData(), got.getLength()));

    peer.send(new DatagramPacket(payload, payload.length, relayed));
    byte[] d = client.receiveRaw(3000);
    ChannelData back = ChannelData.decode(d, 0, d.length, false);
    assertEquals(0x4001, back.channel());
    assertArrayEquals(payload, back.data());
    assertEquals(2, server.metrics().relayedPackets());
    assertEquals(2L * payload.length, server.metrics().relayedBytes());
  }

  @Test
  void rebindingAChannelToAnotherPeerGets400() throws Exception {
    client.allocateRelay();
    assertTrue(isSuccess(channelBind(0x4001, peerAddress())));
    InetSocketAddress other = new InetSocketAddress(peerAddress().getAddress(), 9);
    assertEquals(400, errorCode(channelBind(0x4001, other)));
    assertEquals(400, errorCode(channelBind(0x4002, peerAddress())));
  }

  @Test
  void dataFromAPeerWithoutPermissionIsDropped() throws Exception {
    InetSocketAddress relayed = client.allocateRelay();
    try (DatagramSocket stranger = new DatagramSocket(
        new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
      assertTrue(isSuccess(createPermission(peerAddress())));
      byte[] x = "from a stranger".getBytes(StandardCharsets.UTF_8);
      stranger.send(new DatagramPacket(x, x.length, relayed));
      byte[] y = "from the peer".getBytes(StandardCharsets.UTF_8);
      peer.send(new DatagramPacket(y, y.length, relayed));
      byte[] d = client.receiveRaw(3000);
      assertArrayEquals(y, Data.copy(StunMessage.decode(d, 0, d.length)));
    }
  }

  @Test
  void permissionsExpireAfter300SecondsAndChannelsAfter600() throws Exception {
    InetSocketAddress relayed = client.allocateRelay();
    assertTrue(isSuccess(client.request(StunMethod.REFRESH, w -> Lifetime.write(w, 3600))));
    assertTrue(isSuccess(channelBind(0x4005, peerAddress())));
    clock.advance(Duration.ofSeconds(301));
    // The channel still holds (600 s) but its permission is gone: both directions drop.
    long droppedBefore = server.metrics().droppedPackets();
    long relayedBefore = server.metrics().relayedPackets();
    byte[] x = "too late".getBytes(StandardCharsets.UTF_8);
    peer.send(new DatagramPacket(x, x.length, relayed));
    client.sendRaw(new ChannelData(0x4005, x).encode(false));
    // The peer's datagram reaches the relay socket, the CreatePermission below the listener:
    // the server may read two ready sockets in either order, so wait until it has dropped both
    // before refreshing the permission (else "too late" is rightly relayed under the new one).
    awaitDroppedPackets(droppedBefore + 2);
    assertEquals(relayedBefore, server.metrics().relayedPackets(), "nothing relayed late");
    assertTrue(isSuccess(createPermission(peerAddress()))); // refreshes the permission only
    byte[] y = "in time".getBytes(StandardCharsets.UTF_8);
    peer.send(new DatagramPacket(y, y.length, relayed));
    byte[] d = client.receiveRaw(3000);
    assertNotNull(d, "\"in time\" relayed over the channel");
    assertArrayEquals(y, ChannelData.decode(d, 0, d.length, false).data());
    clock.advance(Duration.ofSeconds(300)); // 601 s after ChannelBind; permission at 300 s
    assertTrue(isSuccess(createPermission(peerAddress())));
    peer.send(new DatagramPacket(y, y.length, relayed));
    byte[] afterChannelExpiry = client.receiveRaw(3000);
    assertNotNull(afterChannelExpiry, "\"in time\" relayed after the channel expired");
    StunMessage asData = StunMessage.decode(afterChannelExpiry, 0, afterChannelExpiry.length);
    assertEquals(StunMethod.DATA, asData.method(), "expired channel falls back to Data indication");
    assertArrayEquals(y, Data.copy(asData));
    assertEquals(droppedBefore + 2, server.metrics().droppedPackets());
  }

  /** Polls the server's drop counter (written by its event loop) until it reaches {@code n}. */
  private void awaitDroppedPackets(long n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (server.metrics().droppedPackets() < n) {
      assertTrue(System.nanoTime() < deadline,
          "dropped " + server.metrics().droppedPackets() + " packets, expected " + n);
      Thread.sleep(1); // polling interval, not synchronisation: the condition decides
    }
    assertEquals(n, server.metrics().droppedPackets());
  }

  @Test
  void anAllocationExpiresByTheClockAndThenGets437() throws Exception {
    client.allocateRelay();
    clock.advance(Duration.ofSeconds(601));
    StunMessage r = client.request(StunMethod.REFRESH, w -> Lifetime.write(w, 600));
    assertEquals(437, errorCode(r), r.messageClass() + " " + r.method() + " " + Lifetime.read(r) + " active=" + server.metrics().activeAllocations());
  }

  @Test
  void refreshWithLifetimeZeroDeletesTheAllocation() throws Exception {
    client.allocateRelay();
    StunMessage r = client.request(StunMethod.REFRESH, w -> Lifetime.write(w, 0));
    assertTrue(isSuccess(r));
    assertEquals(0, Lifetime.read(r));
    assertEquals(0, server.metrics().activeAllocations());
    assertEquals(437, errorCode(createPermission(peerAddress())));
  }

  @Test
  void unknownComprehensionRequiredAttributesOfAnAuthenticatedRequestGet420ListingThem()
      throws Exception {
    client.allocateRelay();
    StunMessage r = client.request(StunMethod.REFRESH, w -> {
      Lifetime.write(w, 600);
      w.attribute(0x7F01, new byte[4]);
      w.attribute(0x8F01, new byte[4]); // comprehension-optional: ignored
    });
    assertEquals(420, errorCode(r));
    assertArrayEquals(new int[] {0x7F01},
        io.swarmrtc.stunturn.codec.UnknownAttributes.read(r));
    assertTrue(r.hasMessageIntegrity(), "errors after authentication are signed");
  }

  @Test
  void aSendIndicationWithoutPermissionNeverReachesThePeer() throws Exception {
    client.allocateRelay();
    client.sendRaw(client.signedIndication(peerAddress(), "no permission"));
    assertTrue(isSuccess(createPermission(peerAddress())));
    client.sendRaw(client.signedIndication(peerAddress(), "with permission"));
    assertEquals("with permission", text(receive(peer)));
  }

  @Test
  void channelNumbersOutsideTheRangeGet400() throws Exception {
    client.allocateRelay();
    assertEquals(400, errorCode(channelBind(0x3FFF, peerAddress())));
    assertEquals(400, errorCode(channelBind(0x8000, peerAddress())));
  }

  private StunMessage createPermission(InetSocketAddress p) throws Exception {
    return client.request(StunMethod.CREATE_PERMISSION, w -> XorPeerAddress.write(w, p));
  }

  private StunMessage channelBind(int channel, InetSocketAddress p) throws Exception {
    return client.request(StunMethod.CHANNEL_BIND, w -> {
      ChannelNumber.write(w, channel);
      XorPeerAddress.write(w, p);
    });
  }

  private static DatagramPacket receive(DatagramSocket s) throws Exception {
    byte[] buf = new byte[70_000];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    s.receive(p);
    return p;
  }

  private static String text(DatagramPacket p) {
    return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
  }
}
