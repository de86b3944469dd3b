package io.swarmrtc.peer.internal.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The chat-channel message {@code {"type":"peer-id","peerId":"..."}} (docs/swarm-protocol.md, Data
 * channels): "the signaling server knows me by this id now". A peer that kept its connections
 * across a fresh join (the server restarted and gave it a new id) sends it on each of them, so the
 * other side signals future ICE restarts to the right id and does not open a second connection
 * when it meets the new id in the room. Pure.
 */
final class PeerIdMessage {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** docs/signaling.md: peer ids are server-assigned; 1-64 of the room-id alphabet covers them. */
  private static final Pattern PEER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private PeerIdMessage() {}

  static String encode(String peerId) {
    return JSON.createObjectNode().put("type", "peer-id").put("peerId", peerId).toString();
  }

  /** The new id if {@code text} is a valid peer-id message; empty for anything else (chat, junk). */
  static Optional<String> decode(String text) {
    if (text.length() > 256 || !text.contains("\"peer-id\"")) {
      return Optional.empty(); // cheap: ordinary chat lines never get parsed twice
    }
    try {
      JsonNode o = JSON.readTree(text);
      if (o == null || !o.isObject() || !"peer-id".equals(o.path("type").textValue())) {
        return Optional.empty();
      }
      String id = o.path("peerId").textValue();
      return id != null && PEER_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
