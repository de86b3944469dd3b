package io.swarmrtc.stunturn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.stunturn.StunTurnServer;
import io.swarmrtc.stunturn.codec.AttributeType;
import io.swarmrtc.stunturn.codec.ChannelNumber;
import io.swarmrtc.stunturn.codec.ErrorCode;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.RequestedTransport;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.UnknownAttributes;
import io.swarmrtc.stunturn.codec.XorPeerAddress;
import io.swarmrtc.stunturn.testing.StunClient;
import io.swarmrtc.stunturn.testing.TestServers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input sent to the real server over UDP. Each case must be dropped or answered with
 * the stated error, never with a success, and the server must answer a Binding probe afterwards.
 * "Dropped" is observed without sleeping: the probe's response arrives and nothing came before it.
 */
class MalformedMessageTest {
  enum Expect { DROPPED, BAD_REQUEST, UNKNOWN_ATTRIBUTE }

  /** Builds the bytes of a case; {@code c} has credentials (and an allocation when asked). */
  interface Bytes extends Function<StunClient, byte[]> {}

  private static final byte[] TX = HexFormat.of().parseHex("0102030405060708090a0b0c");
  private static StunTurnServer server;

  @BeforeAll
  static void start() throws Exception {
    server = StunTurnServer.start(TestServers.loopbackPeers().build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c("an empty datagram is dropped", x -> new byte[0], Expect.DROPPED),
        c("a single byte is dropped", x -> new byte[] {0}, Expect.DROPPED),
        c("a 19-byte truncated header is dropped",
            x -> Arrays.copyOf(binding(), 19), Expect.DROPPED),
        c("a wrong magic cookie is dropped", x -> poke(binding(), 4, 0x21, 0x12, 0xA4, 0x43),
            Expect.DROPPED),
        c("an RFC 3489 request without magic cookie is dropped",
            x -> poke(binding(), 4, 0xDE, 0xAD, 0xBE, 0xEF), Expect.DROPPED),
        c("a type with the top bit set is dropped", x -> poke(binding(), 0, 0x80), Expect.DROPPED),
        c("a type with both top bits set is dropped", x -> poke(binding(), 0, 0xC0),
            Expect.DROPPED),
        c("a type with the second bit set is treated as ChannelData and dropped",
            x -> poke(binding(), 0, 0x40), Expect.DROPPED),
        c("a length that is not a multiple of 4 is dropped",
            x -> withLength(concat(binding(), new byte[2]), 2), Expect.DROPPED),
        c("a length larger than the datagram is dropped",
            x -> withLength(binding(), 8), Expect.DROPPED),
        c("a length smaller than the datagram is dropped",
            x -> concat(binding(), new byte[8]), Expect.DROPPED),
        c("an attribute length past the end gets 400",
            x -> stun(0x0001, attr(0x8022, 12, new byte[4], 0)), Expect.BAD_REQUEST),
        c("an attribute length of 0xFFFF gets 400",
            x -> stun(0x0001, attr(0x8022, 0xFFFF, new byte[4], 0)), Expect.BAD_REQUEST),
        c("a wrong FINGERPRINT is dropped",
            x -> { byte[] b = fingerprinted(); b[b.length - 1] ^= 1; return b; }, Expect.DROPPED),
        c("a FINGERPRINT of 8 bytes gets 400",
            x -> stun(0x0001, attr(AttributeType.FINGERPRINT, 8, new byte[8], 0)),
            Expect.BAD_REQUEST),
        c("an attribute after FINGERPRINT gets 400",
            x -> stun(0x0001, concat(attr(AttributeType.FINGERPRINT, 4, new byte[4], 0),
                attr(0x8022, 4, new byte[4], 0))), Expect.BAD_REQUEST),
        c("a MESSAGE-INTEGRITY of 16 bytes gets 400",
            x -> stun(0x0001, attr(AttributeType.MESSAGE_INTEGRITY, 16, new byte[16], 0)),
            Expect.BAD_REQUEST),
        c("an attribute after MESSAGE-INTEGRITY gets 400",
            x -> stun(0x0001, concat(attr(AttributeType.MESSAGE_INTEGRITY, 20, new byte[20], 0),
                attr(AttributeType.USERNAME, 4, new byte[4], 0))), Expect.BAD_REQUEST),
        c("a MESSAGE-INTEGRITY-SHA256 of 12 bytes gets 400",
            x -> stun(0x0001, attr(AttributeType.MESSAGE_INTEGRITY_SHA256, 12, new byte[12], 0)),
            Expect.BAD_REQUEST),
        c("a MESSAGE-INTEGRITY-SHA256 of 36 bytes gets 400",
            x -> stun(0x0001, attr(AttributeType.MESSAGE_INTEGRITY_SHA256, 36, new byte[36], 0)),
            Expect.BAD_REQUEST),
        c("65 attributes get 400", x -> {
          byte[] all = new byte[0];
          for (int i = 0; i < 65; i++) {
            all = concat(all, attr(0x8FFF, 0, new byte[0], 0));
          }
          return stun(0x0001, all);
        }, Expect.BAD_REQUEST),
        c("an unknown comprehension-required attribute in a Binding gets 420",
            x -> stun(0x0001, attr(0x7F01, 4, new byte[4], 0)), Expect.UNKNOWN_ATTRIBUTE),
        c("ICE's PRIORITY sent to the server gets 420",
            x -> stun(0x0001, attr(0x0024, 4, new byte[4], 0)), Expect.UNKNOWN_ATTRIBUTE),
        c("an unknown method gets 400", x -> stun(0x0FFF & 0x000F | 0x3E00, new byte[0]),
            Expect.BAD_REQUEST),
        c("a Binding indication is dropped", x -> stun(0x0011, new byte[0]), Expect.DROPPED),
        c("a Binding success response sent to the server is dropped",
            x -> stun(0x0101, new byte[0]), Expect.DROPPED),
        c("a Binding error response sent to the server is dropped",
            x -> stun(0x0111, new byte[0]), Expect.DROPPED),
        c("a Data indication from a client is dropped", x -> stun(0x0017, new byte[0]),
            Expect.DROPPED),
        c("a Send indication without an allocation is dropped",
            x -> stun(0x0016, new byte[0]), Expect.DROPPED),
        c("an Allocate with an attribute past the end gets 400",
            x -> stun(0x0003, attr(AttributeType.USERNAME, 9, new byte[4], 0)),
            Expect.BAD_REQUEST),
        c("ChannelData on a channel below 0x4000 is dropped",
            x -> new byte[] {0x3F, (byte) 0xFF, 0, 4, 1, 2, 3, 4}, Expect.DROPPED),
        c("ChannelData on a bound-looking channel 0x8000 is dropped",
            x -> new byte[] {(byte) 0x80, 0, 0, 4, 1, 2, 3, 4}, Expect.DROPPED),
        c("ChannelData longer than its datagram is dropped",
            x -> new byte[] {0x40, 0, 0, 9, 1, 2, 3, 4}, Expect.DROPPED),
        c("a 2-byte ChannelData header is dropped", x -> new byte[] {0x40, 0}, Expect.DROPPED),
        c("ChannelData without an allocation is dropped",
            x -> new byte[] {0x40, 0, 0, 4, 1, 2, 3, 4}, Expect.DROPPED),
        c("an authenticated Allocate whose USERNAME is not UTF-8 gets 400",
            x -> withUsernameBytes(x, new byte[] {(byte) 0xC3, 0x28}), Expect.BAD_REQUEST),
        c("an authenticated Allocate without REQUESTED-TRANSPORT gets 400",
            x -> x.signed(StunMethod.ALLOCATE, MessageClass.REQUEST, w -> { }),
            Expect.BAD_REQUEST),
        c("an authenticated Allocate with a 2-byte REQUESTED-TRANSPORT gets 400",
            x -> x.signed(StunMethod.ALLOCATE, MessageClass.REQUEST,
                w -> w.attribute(AttributeType.REQUESTED_TRANSPORT, new byte[] {17, 0})),
            Expect.BAD_REQUEST),
        c("an authenticated Allocate with an 8-byte LIFETIME gets 400",
            x -> x.signed(StunMethod.ALLOCATE, MessageClass.REQUEST, w -> {
              RequestedTransport.write(w, RequestedTransport.UDP);
              w.attribute(AttributeType.LIFETIME, new byte[8]);
            }), Expect.BAD_REQUEST),
        c("an authenticated Allocate with an unknown required attribute gets 420",
            x -> x.signed(StunMethod.ALLOCATE, MessageClass.REQUEST, w -> {
              RequestedTransport.write(w, RequestedTransport.UDP);
              w.attribute(0x7F01, new byte[4]);
            }), Expect.UNKNOWN_ATTRIBUTE),
        c("an authenticated CreatePermission with address family 3 gets 400",
            allocated(x -> x.signed(StunMethod.CREATE_PERMISSION, MessageClass.REQUEST,
                w -> w.attribute(AttributeType.XOR_PEER_ADDRESS, new byte[] {0, 3, 0, 1, 1, 2, 3, 4}))),
            Expect.BAD_REQUEST),
        c("an authenticated CreatePermission with a 12-byte IPv4 address gets 400",
            allocated(x -> x.signed(StunMethod.CREATE_PERMISSION, MessageClass.REQUEST,
                w -> w.attribute(AttributeType.XOR_PEER_ADDRESS, new byte[12]))),
            Expect.BAD_REQUEST),
        c("an authenticated CreatePermission without XOR-PEER-ADDRESS gets 400",
            allocated(x -> x.signed(StunMethod.CREATE_PERMISSION, MessageClass.REQUEST, w -> { })),
            Expect.BAD_REQUEST),
        c("an authenticated ChannelBind without CHANNEL-NUMBER gets 400",
            allocated(x -> x.signed(StunMethod.CHANNEL_BIND, MessageClass.REQUEST,
                w -> XorPeerAddress.write(w, loopbackPeer()))), Expect.BAD_REQUEST),
        c("an authenticated ChannelBind to channel 0x3FFF gets 400",
            allocated(x -> x.signed(StunMethod.CHANNEL_BIND, MessageClass.REQUEST, w -> {
              ChannelNumber.write(w, 0x3FFF);
              XorPeerAddress.write(w, loopbackPeer());
            })), Expect.BAD_REQUEST));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void malformedInputIsDroppedOrRejectedAndTheServerKeepsServing(String name, Bytes bytes,
      Expect expect, boolean needsAllocation) throws Exception {
    try (StunClient client = new StunClient(server.udpPort())
        .credentials(TestServers.USER, TestServers.PASSWORD)) {
      client.challenge(StunMethod.ALLOCATE, w -> { });
      if (needsAllocation) {
        client.allocateRelay();
      }
      byte[] bad = bytes.apply(client);
      client.sendRaw(bad);
      byte[] probe = client.bindingRequest();
      client.sendRaw(probe);
      byte[] first = client.receiveRaw(3000);
      assertNotNull(first, "the server stopped answering");
      if (expect == Expect.DROPPED) {
        assertArrayEquals(Arrays.copyOfRange(probe, 8, 20), Arrays.copyOfRange(first, 8, 20),
            "something other than the probe's response came back");
        return;
      }
      StunMessage r = StunMessage.decode(first, 0, first.length);
      assertNotEquals(MessageClass.SUCCESS_RESPONSE, r.messageClass(), "a success for " + name);
      assertArrayEquals(Arrays.copyOfRange(bad, 8, 20), r.transactionId());
      int code = ErrorCode.read(r).code();
      assertEquals(expect == Expect.BAD_REQUEST ? 400 : 420, code);
      if (expect == Expect.UNKNOWN_ATTRIBUTE) {
        assertTrue(UnknownAttributes.read(r).length >= 1);
      }
      byte[] probeAnswer = client.receiveRaw(3000);
      assertNotNull(probeAnswer, "the server stopped answering");
      assertArrayEquals(Arrays.copyOfRange(probe, 8, 20), Arrays.copyOfRange(probeAnswer, 8, 20));
    }
  }

  private static Arguments c(String name, Bytes bytes, Expect expect) {
    boolean needsAllocation = bytes instanceof Allocated;
    return Arguments.of(name, bytes, expect, needsAllocation);
  }

  /** Marks a case that runs with an allocation in place (so 437 is not what it tests). */
  interface Allocated extends Bytes {}

  private static Bytes allocated(Bytes b) {
    return (Allocated) b::apply;
  }

  private static InetSocketAddress loopbackPeer() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
  }

  private static byte[] binding() {
    return stun(0x0001, new byte[0]);
  }

  private static byte[] fingerprinted() {
    return new StunMessageWriter(100).begin(StunMethod.BINDING, MessageClass.REQUEST, TX)
        .fingerprint().toByteArray();
  }

  private static byte[] stun(int type, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(20 + body.length);
    b.putShort((short) type).putShort((short) body.length).putInt(0x2112A442).put(TX).put(body);
    return b.array();
  }

  /** An attribute header declaring {@code declared} bytes, the given value and extra zeros. */
  private static byte[] attr(int type, int declared, byte[] value, int extra) {
    int padded = (value.length + 3) & ~3;
    ByteBuffer b = ByteBuffer.allocate(4 + padded + extra);
    b.putShort((short) type).putShort((short) declared).put(value);
    return b.array();
  }

  private static byte[] withLength(byte[] b, int length) {
    b[2] = (byte) (length >> 8);
    b[3] = (byte) length;
    return b;
  }

  private static byte[] poke(byte[] b, int at, int... values) {
    for (int i = 0; i < values.length; i++) {
      b[at + i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] withUsernameBytes(StunClient x, byte[] username) {
    // Signed with a key the server cannot reproduce: the USERNAME is rejected before integrity.
    return x.signed(StunMethod.ALLOCATE, MessageClass.REQUEST, w -> {
      RequestedTransport.write(w, RequestedTransport.UDP);
      w.attribute(AttributeType.USERNAME, username);
    });
  }
}
