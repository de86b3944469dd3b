package io.swarmrtc.stunturn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.stunturn.StunTurnServer;
import io.swarmrtc.stunturn.auth.LongTermKey;
import io.swarmrtc.stunturn.codec.ChannelData;
import io.swarmrtc.stunturn.codec.ChannelNumber;
import io.swarmrtc.stunturn.codec.ErrorCode;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.Nonce;
import io.swarmrtc.stunturn.codec.Realm;
import io.swarmrtc.stunturn.codec.RequestedTransport;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.Username;
import io.swarmrtc.stunturn.codec.XorMappedAddress;
import io.swarmrtc.stunturn.codec.XorPeerAddress;
import io.swarmrtc.stunturn.codec.XorRelayedAddress;
import io.swarmrtc.stunturn.testing.TestServers;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** STUN and TURN with a TCP client transport: framing, padding, allocation tied to the connection. */
class TurnOverTcpTest {
  private int tx;

  @Test
  void bindingOverTcpReturnsTheClientsAddress() throws Exception {
    try (StunTurnServer server = StunTurnServer.start(TestServers.builder().build());
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
      s.setSoTimeout(3000);
      write(s, message(StunMethod.BINDING, w -> { }));
      StunMessage r = readStun(s);
      assertEquals(MessageClass.SUCCESS_RESPONSE, r.messageClass());
      assertEquals(s.getLocalSocketAddress(), XorMappedAddress.first(r));
    }
  }

  @Test
  void channelDataOverTcpIsPaddedBothWaysAndTheAllocationDiesWithTheConnection() throws Exception {
    try (StunTurnServer server = StunTurnServer.start(TestServers.loopbackPeers().build());
        DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      peer.setSoTimeout(3000);
      InetSocketAddress peerAddr = (InetSocketAddress) peer.getLocalSocketAddress();
      InetSocketAddress relayed;
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
        s.setSoTimeout(3000);
        write(s, message(StunMethod.ALLOCATE,
            w -> RequestedTransport.write(w, RequestedTransport.UDP)));
        StunMessage challenge = readStun(s);
        assertEquals(401, ErrorCode.read(challenge).code());
        String nonce = Nonce.read(challenge);
        write(s, signed(StunMethod.ALLOCATE, nonce,
            w -> RequestedTransport.write(w, RequestedTransport.UDP)));
        StunMessage allocated = readStun(s);
        assertEquals(MessageClass.SUCCESS_RESPONSE, allocated.messageClass());
        relayed = XorRelayedAddress.first(allocated);
        write(s, signed(StunMethod.CHANNEL_BIND, nonce, w -> {
          ChannelNumber.write(w, 0x4321);
          XorPeerAddress.write(w, peerAddr);
        }));
        assertEquals(MessageClass.SUCCESS_RESPONSE, readStun(s).messageClass());

        byte[] odd = "seven b".getBytes(); // 7 bytes: one byte of padding on the wire
        byte[] frame = new ChannelData(0x4321, odd).encode(true);
        assertEquals(12, frame.length);
        write(s, frame);
        DatagramPacket got = new DatagramPacket(new byte[100], 100);
        peer.receive(got);
        assertArrayEquals(odd, Arrays.copyOf(got.getData(), got.getLength()));

        peer.send(new DatagramPacket(odd, odd.length, relayed));
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] back = new byte[12];
        in.readFully(back);
        ChannelData cd = ChannelData.decode(back, 0, back.length, true);
        assertArrayEquals(odd, cd.data());
        assertEquals(1, server.metrics().activeAllocations());
      }
      long deadline = System.nanoTime() + 3_000_000_000L;
      while (server.metrics().activeAllocations() != 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(0, server.metrics().activeAllocations(), "closing the connection deletes it");
    }
  }

  @Test
  void aStreamThatIsNeitherStunNorChannelDataIsClosedAndTheServerKeepsServing() throws Exception {
    try (StunTurnServer server = StunTurnServer.start(TestServers.builder().build())) {
      try (Socket bad = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
        bad.setSoTimeout(3000);
        write(bad, new byte[] {(byte) 0xC0, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(-1, bad.getInputStream().read(), "server closes the connection");
      }
      try (Socket good = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
        good.setSoTimeout(3000);
        write(good, message(StunMethod.BINDING, w -> { }));
        assertTrue(readStun(good).messageClass() == MessageClass.SUCCESS_RESPONSE);
      }
    }
  }

  @Test
  void aSilentConnectionWithoutAnAllocationIsClosedAfter30SecondsOfServerTime() throws Exception {
    io.swarmrtc.stunturn.testing.MutableClock clock = new io.swarmrtc.stunturn.testing.MutableClock(
        java.time.Instant.parse("2026-01-01T00:00:00Z"));
    try (StunTurnServer server = StunTurnServer.start(TestServers.builder().clock(clock).build());
        Socket idle = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort());
        Socket busy = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
      idle.setSoTimeout(5000);
      busy.setSoTimeout(5000);
      write(busy, message(StunMethod.BINDING, w -> { })); // the server has seen both by now
      readStun(busy);
      clock.advance(java.time.Duration.ofSeconds(31));
      // The once-a-second sweep closes it: read() returns -1 (end of stream) within the timeout.
      assertEquals(-1, idle.getInputStream().read());
    }
  }

  private byte[] message(int method, Consumer<StunMessageWriter> attrs) {
    StunMessageWriter w = new StunMessageWriter(1500).begin(method, MessageClass.REQUEST, txId());
    attrs.accept(w);
    return w.fingerprint().toByteArray();
  }

  private byte[] signed(int method, String nonce, Consumer<StunMessageWriter> attrs) {
    StunMessageWriter w = new StunMessageWriter(1500).begin(method, MessageClass.REQUEST, txId());
    attrs.accept(w);
    Username.write(w, TestServers.USER);
    Realm.write(w, TestServers.REALM);
    Nonce.write(w, nonce);
    w.messageIntegrity(LongTermKey.md5(TestServers.USER, TestServers.REALM, TestServers.PASSWORD));
    return w.fingerprint().toByteArray();
  }

  private byte[] txId() {
    byte[] t = new byte[12];
    t[11] = (byte) ++tx;
    return t;
  }

  private static void write(Socket s, byte[] b) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(b);
    out.flush();
  }

  private static StunMessage readStun(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] header = new byte[20];
    in.readFully(header);
    int len = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    byte[] all = Arrays.copyOf(header, 20 + len);
    in.readFully(all, 20, len);
    return StunMessage.decode(all, 0, all.length);
  }
}
