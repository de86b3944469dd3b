package io.swarmrtc.protocol.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmrtc.protocol.vectors.MessageJson;
import io.swarmrtc.protocol.vectors.SwarmVectors;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message vector: encoding the fields gives the hex, decoding the hex gives the fields. */
class SwarmCodecVectorsTest {
  static List<Arguments> valid() {
    return SwarmVectors.messageCases();
  }

  static List<Arguments> invalid() {
    return SwarmVectors.invalidCases("invalidMessages");
  }

  @ParameterizedTest(name = "{0} encodes to its hex")
  @MethodSource("valid")
  void encodingTheFieldsGivesTheHex(String type, JsonNode c) {
    SwarmMessage m = MessageJson.fromJson(type, c.get("fields"));
    byte[] expected = SwarmVectors.hex(c.get("hex").asText());
    assertArrayEquals(expected, SwarmCodec.encode(m));
    assertEquals(expected.length, SwarmCodec.encodedLength(m));
  }

  @ParameterizedTest(name = "{0} decodes to its fields")
  @MethodSource("valid")
  void decodingTheHexGivesTheFields(String type, JsonNode c) {
    byte[] wire = SwarmVectors.hex(c.get("hex").asText());
    SwarmMessage decoded = SwarmCodec.decode(wire);
    assertEquals(type, decoded.type().name());
    assertEquals(MessageJson.fromJson(type, c.get("fields")), decoded);
    assertArrayEquals(wire, SwarmCodec.encode(decoded), "re-encoding a decoded message is bit-exact");
  }

  @ParameterizedTest(name = "{0} decodes from the middle of a larger buffer")
  @MethodSource("valid")
  void decodingReadsOnlyTheRemainingBytesAndLeavesThePositionAlone(String type, JsonNode c) {
    byte[] wire = SwarmVectors.hex(c.get("hex").asText());
    byte[] padded = new byte[wire.length + 6];
    System.arraycopy(wire, 0, padded, 3, wire.length);
    ByteBuffer buf = ByteBuffer.wrap(padded, 3, wire.length);
    assertEquals(MessageJson.fromJson(type, c.get("fields")), SwarmCodec.decode(buf));
    assertEquals(3, buf.position());
  }

  @ParameterizedTest(name = "rejects {0}, naming {2}")
  @MethodSource("invalid")
  void invalidInputIsRejectedNamingTheField(String name, byte[] input, String field) {
    SwarmFormatException e = assertThrows(SwarmFormatException.class, () -> SwarmCodec.decode(input));
    assertEquals(field, e.field(), e.getMessage());
  }
}
