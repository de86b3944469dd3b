package io.swarmrtc.protocol.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmrtc.protocol.manifest.ContentId;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import io.swarmrtc.protocol.swarm.SwarmMessage.*;
import io.swarmrtc.protocol.swarm.SwarmMessageType;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/** The "fields" object of a message vector, both ways. Binary fields are lowercase hex. */
public final class MessageJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private MessageJson() {}

  public static ObjectNode toJson(SwarmMessage m) {
    ObjectNode n = JSON.objectNode();
    if (m instanceof Handshake h) {
      n.put("version", h.version()).put("contentId", h.contentId().hex()).put("flags", h.flags());
    } else if (m instanceof ManifestRequest r) {
      n.put("offset", r.offset());
    } else if (m instanceof ManifestData d) {
      n.put("totalLength", d.totalLength()).put("offset", d.offset()).put("bytes", SwarmVectorGenerator.hex(d.bytes()));
    } else if (m instanceof Bitfield f) {
      n.put("bits", SwarmVectorGenerator.hex(f.bits()));
    } else if (m instanceof Have h) {
      n.put("piece", h.piece());
    } else if (m instanceof Request r) {
      n.put("piece", r.piece()).put("offset", r.offset()).put("length", r.length());
    } else if (m instanceof Piece p) {
      n.put("piece", p.piece()).put("offset", p.offset()).put("data", SwarmVectorGenerator.hex(p.data()));
    } else if (m instanceof Cancel c) {
      n.put("piece", c.piece()).put("offset", c.offset()).put("length", c.length());
    } else if (m instanceof Reject r) {
      n.put("piece", r.piece()).put("offset", r.offset()).put("length", r.length());
    } else if (m instanceof Goodbye g) {
      n.put("code", g.code()).put("reason", g.reason());
    }
    return n;
  }

  public static SwarmMessage fromJson(String type, JsonNode f) {
    return switch (SwarmMessageType.valueOf(type)) {
      case HANDSHAKE -> new Handshake(f.get("version").asInt(), ContentId.fromHex(f.get("contentId").asText()), f.get("flags").asInt());
      case MANIFEST_REQUEST -> new ManifestRequest(f.get("offset").asInt());
      case MANIFEST_DATA -> new ManifestData(f.get("totalLength").asInt(), f.get("offset").asInt(), bytes(f, "bytes"));
      case BITFIELD -> new Bitfield(bytes(f, "bits"));
      case HAVE -> new Have(f.get("piece").asInt());
      case REQUEST -> new Request(f.get("piece").asInt(), f.get("offset").asInt(), f.get("length").asInt());
      case PIECE -> new Piece(f.get("piece").asInt(), f.get("offset").asInt(), bytes(f, "data"));
      case CANCEL -> new Cancel(f.get("piece").asInt(), f.get("offset").asInt(), f.get("length").asInt());
      case REJECT -> new Reject(f.get("piece").asInt(), f.get("offset").asInt(), f.get("length").asInt());
      case CHOKE -> new Choke();
      case UNCHOKE -> new Unchoke();
      case GOODBYE -> new Goodbye(f.get("code").asInt(), f.get("reason").asText());
    };
  }

  private static ByteBuffer bytes(JsonNode f, String name) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(f.get(name).asText()));
  }
}
