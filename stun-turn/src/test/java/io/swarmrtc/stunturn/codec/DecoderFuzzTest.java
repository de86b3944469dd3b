package io.swarmrtc.stunturn.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.swarmrtc.stunturn.allocation.Cidr;

/**
 * Fuzzes every decoder. Without JAZZER_FUZZ the seeds under
 * {@code src/test/resources/io/swarmrtc/stunturn/codec/DecoderFuzzTestInputs/<method>/} run as
 * ordinary unit tests (regression mode). To fuzz one target for real:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl stun-turn -am test -Dtest='DecoderFuzzTest#stunMessages' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=10m
 * </pre>
 *
 * Invariant for all: only {@link StunDecodeException} (or IllegalArgumentException for CIDRs)
 * may escape; whatever decodes re-encodes to the same bytes.
 */
class DecoderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void stunMessages(byte[] data) {
    StunMessage m;
    try {
      m = StunMessage.decode(data, 0, data.length);
    } catch (StunDecodeException e) {
      return;
    }
    assertArrayEquals(data, m.toByteArray());
    assertEquals(StunHeader.messageType(m.method(), m.messageClass()), m.messageType());
    readEveryAttribute(m);
  }

  /** Each typed reader either returns a value or throws the one typed exception. */
  private static void readEveryAttribute(StunMessage m) {
    Runnable[] readers = {
        () -> XorMappedAddress.all(m), () -> MappedAddress.all(m), () -> XorPeerAddress.all(m),
        () -> XorRelayedAddress.all(m), () -> Username.read(m), () -> Realm.read(m),
        () -> Nonce.read(m), () -> Software.read(m), () -> ErrorCode.read(m),
        () -> UnknownAttributes.read(m), () -> Lifetime.read(m), () -> RequestedTransport.read(m),
        () -> RequestedAddressFamily.read(m), () -> ChannelNumber.read(m), () -> Data.copy(m),
        () -> EvenPort.read(m), () -> m.unknownComprehensionRequired(t -> false),
        () -> MessageIntegrity.verify(m, new byte[16]),
        () -> MessageIntegritySha256.verify(m, new byte[16]),
    };
    for (Runnable r : readers) {
      try {
        r.run();
      } catch (StunDecodeException expected) {
        // a typed rejection is the only allowed failure
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void channelData(FuzzedDataProvider in) {
    boolean padded = in.consumeBoolean();
    byte[] frame = in.consumeRemainingAsBytes();
    ChannelData cd;
    try {
      cd = ChannelData.decode(frame, 0, frame.length, padded);
    } catch (StunDecodeException e) {
      return;
    }
    assertTrue(ChannelNumber.isValid(cd.channel()));
    byte[] again = cd.encode(padded);
    if (padded || again.length == frame.length) {
      assertArrayEquals(java.util.Arrays.copyOf(frame, 4 + cd.data().length),
          java.util.Arrays.copyOf(again, 4 + cd.data().length));
    }
  }

  @FuzzTest(maxDuration = "30s")
  void cidrs(String text) {
    if (text == null) {
      return; // Jazzer also tries null; config parsing never passes one
    }
    Cidr c;
    try {
      c = Cidr.parse(text);
    } catch (IllegalArgumentException e) {
      return;
    }
    assertEquals(c, Cidr.parse(c.toString()));
  }
}
