package io.swarmrtc.protocol.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the manifest decoder: any input either decodes or throws {@link ManifestFormatException},
 * and whatever decodes is canonical (re-encodes to the same bytes). Without JAZZER_FUZZ=1 this runs
 * the committed corpus (src/test/resources/io/swarmrtc/protocol/manifest/ManifestCodecFuzzTestInputs).
 */
class ManifestCodecFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void decodingNeverThrowsAnythingButTheTypedErrorAndIsCanonical(byte[] input) {
    Manifest m;
    try {
      m = ManifestCodec.decode(input);
    } catch (ManifestFormatException expected) {
      return;
    }
    assertArrayEquals(input, ManifestCodec.encode(m));
  }
}
