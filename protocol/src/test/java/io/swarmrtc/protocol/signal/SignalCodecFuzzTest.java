package io.swarmrtc.protocol.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The decoders are total: any string either decodes to a message that survives an encode/decode
 * round trip, or fails with a SignalException; nothing else may escape. Runs the seed inputs in a
 * normal build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class SignalCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void clientFramesDecodeOrFailWithACode(String frame) {
        try {
            SignalMessage m = SignalCodec.decodeFromClient(frame);
            assertEquals(m, SignalCodec.decodeFromClient(SignalCodec.encode(m)));
        } catch (SignalException expected) {
            // the typed failure is the contract
        }
    }

    @FuzzTest(maxDuration = "30s")
    void serverFramesDecodeOrFailWithACode(String frame) {
        try {
            SignalMessage m = SignalCodec.decodeFromServer(frame);
            assertEquals(m, SignalCodec.decodeFromServer(SignalCodec.encode(m)));
        } catch (SignalException expected) {
            // the typed failure is the contract
        }
    }
}
