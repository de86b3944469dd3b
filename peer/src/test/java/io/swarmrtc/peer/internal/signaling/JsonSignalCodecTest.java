package io.swarmrtc.peer.internal.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmrtc.peer.internal.rtc.IceCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of docs/signaling.md, decoded and encoded. */
class JsonSignalCodecTest {
  private final JsonSignalCodec codec = new JsonSignalCodec();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void decodesTheDocumentedServerMessages() {
    assertEquals(new SignalMessage.Joined("team-42", "aGVsbG8td29ybGQtaGVsbG8", "m0r3r4nd0mstuffm0r3r4nd0m",
            List.of("Q2hhbmdlTWVQbGVhc2UxMg"), false),
        codec.decode("{\"type\":\"joined\",\"room\":\"team-42\",\"peerId\":\"aGVsbG8td29ybGQtaGVsbG8\","
            + "\"resumeToken\":\"m0r3r4nd0mstuffm0r3r4nd0m\",\"peers\":[\"Q2hhbmdlTWVQbGVhc2UxMg\"],\"resumed\":false}"));
    assertEquals(new SignalMessage.PeerJoined("Q2hhbmdlTWVQbGVhc2UxMg"),
        codec.decode("{\"type\":\"peer-joined\",\"peerId\":\"Q2hhbmdlTWVQbGVhc2UxMg\"}"));
    assertEquals(new SignalMessage.PeerLeft("Q2hhbmdlTWVQbGVhc2UxMg"),
        codec.decode("{\"type\":\"peer-left\",\"peerId\":\"Q2hhbmdlTWVQbGVhc2UxMg\"}"));
    assertEquals(new SignalMessage.Offer("aGVsbG8td29ybGQtaGVsbG8", "v=0\r\n..."),
        codec.decode("{\"type\":\"offer\",\"from\":\"aGVsbG8td29ybGQtaGVsbG8\",\"sdp\":\"v=0\\r\\n...\"}"));
    assertEquals(new SignalMessage.Candidate("aGVsbG8td29ybGQtaGVsbG8",
            new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.2 49152 typ host", "0", 0, null)),
        codec.decode("{\"type\":\"candidate\",\"from\":\"aGVsbG8td29ybGQtaGVsbG8\",\"candidate\":{\"candidate\":"
            + "\"candidate:1 1 udp 2122260223 127.0.0.2 49152 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}"));
    assertEquals(new SignalMessage.Pong(), codec.decode("{\"type\":\"pong\"}"));
    assertEquals(new SignalMessage.Error(SignalingErrorCode.UNKNOWN_PEER, "no peer Q2hhbmdlTWVQbGVhc2UxMg in this room", false),
        codec.decode("{\"type\":\"error\",\"code\":\"UNKNOWN_PEER\",\"message\":\"no peer Q2hhbmdlTWVQbGVhc2UxMg in this room\",\"fatal\":false}"));
  }

  @Test
  void encodesTheDocumentedClientMessages() throws Exception {
    assertEquals(json.readTree("{\"type\":\"join\",\"room\":\"team-42\",\"password\":\"s3cret\",\"token\":\"t.s\",\"resumeToken\":\"m0r3\"}"),
        json.readTree(codec.encode(new SignalMessage.Join("team-42", "s3cret", "t.s", "m0r3"))));
    assertEquals(json.readTree("{\"type\":\"join\",\"room\":\"team-42\"}"),
        json.readTree(codec.encode(new SignalMessage.Join("team-42", null, null, null))));
    assertEquals(json.readTree("{\"type\":\"answer\",\"to\":\"Q2\",\"sdp\":\"v=0\"}"),
        json.readTree(codec.encode(new SignalMessage.Answer("Q2", "v=0"))));
    assertEquals(json.readTree("{\"type\":\"candidate\",\"to\":\"Q2\",\"candidate\":{\"candidate\":\"candidate:1\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}"),
        json.readTree(codec.encode(new SignalMessage.Candidate("Q2", new IceCandidate("candidate:1", "0", 0, null)))));
    assertEquals("{\"type\":\"leave\"}", codec.encode(new SignalMessage.Leave()));
    assertEquals("{\"type\":\"ping\"}", codec.encode(new SignalMessage.Ping()));
  }

  @Test
  void unknownFieldsAndUnknownErrorCodesAreTolerated() {
    assertEquals(new SignalMessage.PeerLeft("x"), codec.decode("{\"type\":\"peer-left\",\"peerId\":\"x\",\"extra\":[1]}"));
    assertEquals(SignalingErrorCode.UNKNOWN,
        ((SignalMessage.Error) codec.decode("{\"type\":\"error\",\"code\":\"NEW_THING\",\"message\":\"m\"}")).code());
    assertEquals(SignalingErrorCode.UNKNOWN,
        ((SignalMessage.Error) codec.decode("{\"type\":\"error\",\"code\":\"CLOSED\",\"message\":\"m\"}")).code(),
        "client-side codes never come off the wire");
  }

  @ParameterizedTest(name = "{0} is rejected naming \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "not json at all|JSON",
      "[1,2]|object",
      "{}|type",
      "{\"type\":7}|type",
      "{\"type\":\"teleport\"}|teleport",
      "{\"type\":\"offer\",\"sdp\":\"x\"}|from",
      "{\"type\":\"offer\",\"from\":\"a\"}|sdp",
      "{\"type\":\"joined\",\"room\":\"r\",\"peerId\":\"p\",\"resumeToken\":\"t\",\"peers\":\"p\"}|peers",
      "{\"type\":\"joined\",\"room\":\"r\",\"peerId\":\"p\",\"resumeToken\":\"t\",\"peers\":[1]}|peers",
      "{\"type\":\"joined\",\"room\":\"r\",\"peerId\":\"p\",\"resumeToken\":\"t\",\"peers\":[],\"resumed\":\"yes\"}|resumed",
      "{\"type\":\"candidate\",\"from\":\"a\"}|candidate",
      "{\"type\":\"candidate\",\"from\":\"a\",\"candidate\":{\"sdpMid\":\"0\"}}|candidate",
      "{\"type\":\"candidate\",\"from\":\"a\",\"candidate\":{\"candidate\":\"c\",\"sdpMLineIndex\":\"0\"}}|sdpMLineIndex",
  })
  void malformedServerFramesAreRejectedWithAProtocolError(String frame, String field) {
    SignalingException e = assertThrows(SignalingException.class, () -> codec.decode(frame));
    assertEquals(SignalingErrorCode.PROTOCOL_ERROR, e.code());
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }
}
