package io.swarmrtc.stunturn.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.stunturn.auth.LongTermKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The test vectors of RFC 5769, verbatim: decode, verify, re-encode bit-exactly. */
class Rfc5769VectorsTest {
  private static final byte[] SHORT_TERM_KEY =
      "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);

  /** RFC 5769 §2.1 Sample Request. */
  static final byte[] REQUEST = hex("""
      00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
      80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
      00 24 00 04 6e 00 01 ff
      80 29 00 08 93 2f f9 b1 51 26 3b 36
      00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
      00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
      80 28 00 04 e5 7a 3b cf""");

  /** RFC 5769 §2.2 Sample IPv4 Response. */
  static final byte[] IPV4_RESPONSE = hex("""
      01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
      80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
      00 20 00 08 00 01 a1 47 e1 12 a6 43
      00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
      80 28 00 04 c0 7d 4c 96""");

  /** RFC 5769 §2.3 Sample IPv6 Response. */
  static final byte[] IPV6_RESPONSE = hex("""
      01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
      80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
      00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
      00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
      80 28 00 04 c8 fb 0b 4c""");

  /** RFC 5769 §2.4 Sample Request with Long-Term Authentication. */
  static final byte[] LONG_TERM_REQUEST = hex("""
      00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
      00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00
      00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41
      00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00
      00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66""");

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
  }

  @Test
  @DisplayName("the sample request decodes with its SOFTWARE, USERNAME, integrity and fingerprint")
  void sampleRequestDecodesAndVerifies() {
    StunMessage m = StunMessage.decode(REQUEST, 0, REQUEST.length);
    assertEquals(StunMethod.BINDING, m.method());
    assertEquals(MessageClass.REQUEST, m.messageClass());
    assertEquals("STUN test client", Software.read(m));
    assertEquals("evtj:h6vY", Username.read(m));
    assertTrue(m.hasFingerprint());
    assertTrue(MessageIntegrity.verify(m, SHORT_TERM_KEY));
    assertFalse(MessageIntegrity.verify(m, "wrong".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("the sample request re-encodes bit-exactly, MESSAGE-INTEGRITY and FINGERPRINT included")
  void sampleRequestReencodesBitExactly() {
    assertArrayEquals(REQUEST, reencode(REQUEST, SHORT_TERM_KEY, (byte) 0x20, true));
  }

  @Test
  @DisplayName("the IPv4 response yields 192.0.2.1:32853 and re-encodes bit-exactly")
  void ipv4Response() throws Exception {
    StunMessage m = StunMessage.decode(IPV4_RESPONSE, 0, IPV4_RESPONSE.length);
    assertEquals(MessageClass.SUCCESS_RESPONSE, m.messageClass());
    assertEquals(new InetSocketAddress(java.net.InetAddress.getByName("192.0.2.1"), 32853),
        XorMappedAddress.first(m));
    assertEquals("test vector", Software.read(m));
    assertTrue(MessageIntegrity.verify(m, SHORT_TERM_KEY));
    assertArrayEquals(IPV4_RESPONSE, reencode(IPV4_RESPONSE, SHORT_TERM_KEY, (byte) 0x20, true));
  }

  @Test
  @DisplayName("the IPv6 response yields [2001:db8:1234:5678:11:2233:4455:6677]:32853 and re-encodes bit-exactly")
  void ipv6Response() throws Exception {
    StunMessage m = StunMessage.decode(IPV6_RESPONSE, 0, IPV6_RESPONSE.length);
    assertEquals(new InetSocketAddress(
        java.net.InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
        XorMappedAddress.first(m));
    assertTrue(MessageIntegrity.verify(m, SHORT_TERM_KEY));
    assertArrayEquals(IPV6_RESPONSE, reencode(IPV6_RESPONSE, SHORT_TERM_KEY, (byte) 0x20, true));
  }

  @Test
  @DisplayName("the long-term request verifies with MD5(username:realm:SASLprep(password)) and re-encodes bit-exactly")
  void longTermRequest() {
    StunMessage m = StunMessage.decode(LONG_TERM_REQUEST, 0, LONG_TERM_REQUEST.length);
    String username = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    assertEquals(username, Username.read(m));
    assertEquals("example.org", Realm.read(m));
    assertEquals("f//499k954d6OL34oL9FSTvy64sA", Nonce.read(m));
    assertFalse(m.hasFingerprint());
    // The RFC's password "The<U+00AD>M<U+00AA>tr<U+2168>" is "TheMatrIX" after SASLprep (§2.4).
    byte[] key = LongTermKey.md5(username, "example.org", "TheMatrIX");
    assertTrue(MessageIntegrity.verify(m, key));
    assertArrayEquals(LONG_TERM_REQUEST, reencode(LONG_TERM_REQUEST, key, (byte) 0, false));
  }

  @Test
  @DisplayName("a flipped bit anywhere before FINGERPRINT makes the sample request undecodable")
  void corruptedFingerprintIsAFramingError() {
    byte[] copy = REQUEST.clone();
    copy[30] ^= 1;
    StunDecodeException e = assertThrows(StunDecodeException.class,
        () -> StunMessage.decode(copy, 0, copy.length));
    assertTrue(e.isFramingError());
    assertEquals("FINGERPRINT", e.field());
  }

  /** Copies every attribute before MESSAGE-INTEGRITY, then recomputes MI (and FINGERPRINT). */
  private static byte[] reencode(byte[] vector, byte[] key, byte padding, boolean fingerprint) {
    StunMessage m = StunMessage.decode(vector, 0, vector.length);
    StunMessageWriter w = new StunMessageWriter(1500).paddingByte(padding)
        .begin(m.method(), m.messageClass(), m.transactionId());
    for (int i = 0; i < m.attributeCount(); i++) {
      int type = m.attributeType(i);
      if (type == AttributeType.MESSAGE_INTEGRITY) {
        break;
      }
      w.attribute(type, m.value(i));
    }
    w.messageIntegrity(key);
    if (fingerprint) {
      w.fingerprint();
    }
    return w.toByteArray();
  }
}
