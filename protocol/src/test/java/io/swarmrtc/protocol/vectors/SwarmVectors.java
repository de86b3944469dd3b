package io.swarmrtc.protocol.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** Loads the shared vectors from the test classpath (vectors/swarm/index.json and what it lists). */
public final class SwarmVectors {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SwarmVectors() {}

  public static JsonNode load(String relative) {
    try (InputStream in = SwarmVectors.class.getResourceAsStream("/vectors/swarm/" + relative)) {
      if (in == null) {
        throw new IllegalStateException("missing vector file " + relative);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode index() {
    return load("index.json");
  }

  /** Every valid message case as (type, case), named "TYPE: case name". */
  public static List<Arguments> messageCases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode path : index().get("messages")) {
      JsonNode file = load(path.asText());
      String type = file.get("type").asText();
      for (JsonNode c : file.get("cases")) {
        out.add(Arguments.of(Named.of(type + ": " + c.get("name").asText(), type), c));
      }
    }
    return out;
  }

  /** Cases of an invalid-* file as (name, bytes, field). */
  public static List<Arguments> invalidCases(String indexKey) {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : load(index().get(indexKey).asText()).get("cases")) {
      out.add(Arguments.of(c.get("name").asText(), bytes(c), c.get("field").asText()));
    }
    return out;
  }

  /** A case's input: its hex, zero-padded to padTo when present. */
  public static byte[] bytes(JsonNode c) {
    byte[] b = HexFormat.of().parseHex(c.get("hex").asText());
    if (c.has("padTo")) {
      byte[] padded = new byte[c.get("padTo").asInt()];
      System.arraycopy(b, 0, padded, 0, b.length);
      return padded;
    }
    return b;
  }

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
