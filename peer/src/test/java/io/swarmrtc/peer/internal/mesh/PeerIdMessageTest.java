package io.swarmrtc.peer.internal.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PeerIdMessageTest {
  @Test
  void aPeerIdMessageRoundTrips() {
    String text = PeerIdMessage.encode("aGVsbG8td29ybGQtaGVsbG8");
    assertEquals("{\"type\":\"peer-id\",\"peerId\":\"aGVsbG8td29ybGQtaGVsbG8\"}", text);
    assertEquals(Optional.of("aGVsbG8td29ybGQtaGVsbG8"), PeerIdMessage.decode(text));
  }

  @ParameterizedTest(name = "{0} is not a peer-id message")
  @ValueSource(strings = {
      "{\"type\":\"chat\",\"text\":\"peer-id\",\"ts\":1}",
      "{\"type\":\"chat\",\"text\":\"{\\\"type\\\":\\\"peer-id\\\"}\",\"ts\":1}",
      "{\"type\":\"peer-id\"}",
      "{\"type\":\"peer-id\",\"peerId\":\"\"}",
      "{\"type\":\"peer-id\",\"peerId\":\"a:b\"}",
      "{\"type\":\"peer-id\",\"peerId\":42}",
      "[\"peer-id\"]",
      "\"peer-id\" not json"})
  void anythingElseIsLeftAlone(String text) {
    assertEquals(Optional.empty(), PeerIdMessage.decode(text));
  }
}
