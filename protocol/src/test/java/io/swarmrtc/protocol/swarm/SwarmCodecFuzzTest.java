package io.swarmrtc.protocol.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the message decoder: any input either decodes or throws {@link SwarmFormatException}, and
 * whatever decodes re-encodes to the same bytes. Without JAZZER_FUZZ=1 this runs the committed corpus
 * (src/test/resources/io/swarmrtc/protocol/swarm/SwarmCodecFuzzTestInputs) as a normal test.
 */
class SwarmCodecFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void decodingNeverThrowsAnythingButTheTypedErrorAndRoundTrips(byte[] input) {
    SwarmMessage m;
    try {
      m = SwarmCodec.decode(input);
    } catch (SwarmFormatException expected) {
      return;
    }
    assertArrayEquals(input, SwarmCodec.encode(m));
  }
}
