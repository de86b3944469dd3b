package io.swarmrtc.protocol.vectors;

import static io.swarmrtc.protocol.vectors.SwarmVectorGenerator.CID;
import static io.swarmrtc.protocol.vectors.SwarmVectorGenerator.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Share URL cases: valid ones with their parts and canonical form, invalid ones with the field. */
final class ShareLinkVectors {
  private ShareLinkVectors() {}

  static ObjectNode all() {
    String h = CID.hex();
    ObjectNode root = JSON.objectNode();
    root.put("description", "share URLs: {origin}/download.html#room=<room>&content=<content id hex>");
    ArrayNode valid = root.putArray("valid");
    valid(valid, "a plain https link", "https://swarm.example/download.html#room=team-42&content=" + h,
        "https://swarm.example", "team-42", h, "https://swarm.example/download.html#room=team-42&content=" + h);
    valid(valid, "parameters in any order, uppercase hex and an unknown parameter",
        "http://127.0.0.1:8080/download.html#content=" + h.toUpperCase(Locale.ROOT) + "&x=1&room=R_1",
        "http://127.0.0.1:8080", "R_1", h, "http://127.0.0.1:8080/download.html#room=R_1&content=" + h);
    valid(valid, "an origin with a path prefix", "https://example.org/swarm/download.html#room=a&content=" + h,
        "https://example.org/swarm", "a", h, "https://example.org/swarm/download.html#room=a&content=" + h);
    valid(valid, "a 64-character room", "https://x.example/download.html#room=" + "r".repeat(64) + "&content=" + h,
        "https://x.example", "r".repeat(64), h, "https://x.example/download.html#room=" + "r".repeat(64) + "&content=" + h);
    ArrayNode invalid = root.putArray("invalid");
    invalid(invalid, "an empty string", "", "url");
    invalid(invalid, "a link without fragment", "https://swarm.example/download.html", "url");
    invalid(invalid, "the wrong page", "https://swarm.example/index.html#room=a&content=" + h, "path");
    invalid(invalid, "an ftp origin", "ftp://swarm.example/download.html#room=a&content=" + h, "origin");
    invalid(invalid, "a relative link", "/download.html#room=a&content=" + h, "origin");
    invalid(invalid, "an origin without host", "https:///download.html#room=a&content=" + h, "origin");
    invalid(invalid, "an origin with credentials", "https://user@swarm.example/download.html#room=a&content=" + h, "origin");
    invalid(invalid, "a missing room", "https://swarm.example/download.html#content=" + h, "room");
    invalid(invalid, "an empty room", "https://swarm.example/download.html#room=&content=" + h, "room");
    invalid(invalid, "a room with a space", "https://swarm.example/download.html#room=a%20b&content=" + h, "room");
    invalid(invalid, "a 65-character room", "https://swarm.example/download.html#room=" + "r".repeat(65) + "&content=" + h, "room");
    invalid(invalid, "a room given twice", "https://swarm.example/download.html#room=a&room=b&content=" + h, "room");
    invalid(invalid, "a missing content id", "https://swarm.example/download.html#room=a", "content");
    invalid(invalid, "a content id of 63 characters", "https://swarm.example/download.html#room=a&content=" + h.substring(1), "content");
    invalid(invalid, "a content id that is not hex", "https://swarm.example/download.html#room=a&content=" + "g".repeat(64), "content");
    return root;
  }

  private static void valid(ArrayNode a, String name, String url, String origin, String room, String content, String canonical) {
    ObjectNode n = a.addObject();
    n.put("name", name).put("url", url).put("origin", origin).put("room", room).put("content", content).put("canonical", canonical);
  }

  private static void invalid(ArrayNode a, String name, String url, String field) {
    a.addObject().put("name", name).put("url", url).put("field", field);
  }
}
