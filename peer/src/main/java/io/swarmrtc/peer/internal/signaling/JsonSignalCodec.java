package io.swarmrtc.peer.internal.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmrtc.peer.internal.rtc.IceCandidate;
import java.util.ArrayList;
import java.util.List;

/** The JSON mapping of docs/signaling.md with Jackson's tree model. Unknown fields are ignored. */
public final class JsonSignalCodec implements SignalCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String encode(SignalMessage message) {
    ObjectNode o = JSON.createObjectNode();
    if (message instanceof SignalMessage.Join j) {
      o.put("type", "join").put("room", j.room());
      putIfPresent(o, "password", j.password());
      putIfPresent(o, "token", j.token());
      putIfPresent(o, "resumeToken", j.resumeToken());
    } else if (message instanceof SignalMessage.Offer m) {
      o.put("type", "offer").put("to", m.peer()).put("sdp", m.sdp());
    } else if (message instanceof SignalMessage.Answer m) {
      o.put("type", "answer").put("to", m.peer()).put("sdp", m.sdp());
    } else if (message instanceof SignalMessage.Candidate m) {
      o.put("type", "candidate").put("to", m.peer());
      ObjectNode c = o.putObject("candidate").put("candidate", m.candidate().candidate());
      putIfPresent(c, "sdpMid", m.candidate().sdpMid());
      if (m.candidate().sdpMLineIndex() != null) {
        c.put("sdpMLineIndex", m.candidate().sdpMLineIndex());
      }
      putIfPresent(c, "usernameFragment", m.candidate().usernameFragment());
    } else if (message instanceof SignalMessage.Leave) {
      o.put("type", "leave");
    } else if (message instanceof SignalMessage.Ping) {
      o.put("type", "ping");
    } else {
      throw new IllegalArgumentException("not a client message: " + message);
    }
    return o.toString();
  }

  @Override
  public SignalMessage decode(String json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw bad("frame is not JSON");
    }
    if (o == null || !o.isObject()) {
      throw bad("frame is not a JSON object");
    }
    String type = text(o, "type", true);
    return switch (type) {
      case "joined" -> new SignalMessage.Joined(text(o, "room", true), text(o, "peerId", true),
          text(o, "resumeToken", true), peers(o), bool(o, "resumed"));
      case "peer-joined" -> new SignalMessage.PeerJoined(text(o, "peerId", true));
      case "peer-left" -> new SignalMessage.PeerLeft(text(o, "peerId", true));
      case "offer" -> new SignalMessage.Offer(text(o, "from", true), text(o, "sdp", true));
      case "answer" -> new SignalMessage.Answer(text(o, "from", true), text(o, "sdp", true));
      case "candidate" -> new SignalMessage.Candidate(text(o, "from", true), candidate(o));
      case "pong" -> new SignalMessage.Pong();
      case "error" -> new SignalMessage.Error(
          SignalingErrorCode.fromWire(text(o, "code", true)), text(o, "message", false), bool(o, "fatal"));
      default -> throw bad("unknown type " + type);
    };
  }

  private static IceCandidate candidate(JsonNode o) {
    JsonNode c = o.get("candidate");
    if (c == null || !c.isObject()) {
      throw bad("field candidate: missing or not an object");
    }
    Integer index = null;
    JsonNode i = c.get("sdpMLineIndex");
    if (i != null && !i.isNull()) {
      if (!i.canConvertToInt() || !i.isIntegralNumber()) {
        throw bad("field candidate.sdpMLineIndex: not an integer");
      }
      index = i.intValue();
    }
    return new IceCandidate(text(c, "candidate", true), text(c, "sdpMid", false), index,
        text(c, "usernameFragment", false));
  }

  private static List<String> peers(JsonNode o) {
    JsonNode p = o.get("peers");
    if (p == null || !p.isArray()) {
      throw bad("field peers: missing or not an array");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode id : p) {
      if (!id.isTextual()) {
        throw bad("field peers: not all strings");
      }
      ids.add(id.textValue());
    }
    return ids;
  }

  private static String text(JsonNode o, String field, boolean required) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw bad("field " + field + ": missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw bad("field " + field + ": not a string");
    }
    return v.textValue();
  }

  private static boolean bool(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw bad("field " + field + ": not a boolean");
    }
    return v.booleanValue();
  }

  private static void putIfPresent(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  private static SignalingException bad(String what) {
    return new SignalingException(SignalingErrorCode.PROTOCOL_ERROR, what);
  }
}
