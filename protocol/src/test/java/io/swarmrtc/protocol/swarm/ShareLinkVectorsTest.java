package io.swarmrtc.protocol.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmrtc.protocol.vectors.SwarmVectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShareLinkVectorsTest {
  static List<Arguments> cases(String kind) {
    List<Arguments> out = new ArrayList<>();
    JsonNode file = SwarmVectors.load(SwarmVectors.index().get("shareLinks").asText());
    for (JsonNode c : file.get(kind)) {
      out.add(Arguments.of(Named.of(c.get("name").asText(), c)));
    }
    return out;
  }

  static List<Arguments> valid() {
    return cases("valid");
  }

  static List<Arguments> invalid() {
    return cases("invalid");
  }

  @ParameterizedTest(name = "parses {0} and formats it canonically")
  @MethodSource("valid")
  void validLinksParseIntoTheirPartsAndFormatCanonically(JsonNode c) {
    ShareLink link = ShareLink.parse(c.get("url").asText());
    assertEquals(c.get("origin").asText(), link.origin());
    assertEquals(c.get("room").asText(), link.room());
    assertEquals(c.get("content").asText(), link.content().hex());
    assertEquals(c.get("canonical").asText(), link.format());
    assertEquals(link, ShareLink.parse(link.format()));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("invalid")
  void malformedLinksAreRejectedNamingThePart(JsonNode c) {
    ShareLinkException e = assertThrows(ShareLinkException.class, () -> ShareLink.parse(c.get("url").asText()));
    assertEquals(c.get("field").asText(), e.field(), e.getMessage());
  }
}
