package io.swarmrtc.protocol.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmrtc.protocol.vectors.SwarmVectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest vector: building, encoding, decoding, content id and piece geometry. */
class ManifestVectorsTest {
  static List<Arguments> valid() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode path : SwarmVectors.index().get("manifests")) {
      JsonNode v = SwarmVectors.load(path.asText());
      out.add(Arguments.of(Named.of(path.asText() + " (" + v.get("description").asText() + ")", v)));
    }
    return out;
  }

  static List<Arguments> invalid() {
    return SwarmVectors.invalidCases("invalidManifests");
  }

  @ParameterizedTest(name = "hashing the files of {0} gives its canonical bytes and content id")
  @MethodSource("valid")
  void theBuilderReproducesTheVector(JsonNode v) throws IOException {
    ManifestBuilder b = new ManifestBuilder(v.get("name").asText()).pieceSize(v.get("pieceSize").asInt());
    for (JsonNode f : v.get("files")) {
      byte[] content = SwarmVectors.hex(f.get("contentHex").asText());
      b.addFile(f.get("path").asText(), f.get("size").asLong(), () -> new ByteArrayInputStream(content));
    }
    Manifest m = b.build();
    assertArrayEquals(SwarmVectors.hex(v.get("hex").asText()), ManifestCodec.encode(m));
    assertEquals(v.get("contentId").asText(), m.contentId().hex());
  }

  @ParameterizedTest(name = "decoding {0} gives its fields and geometry")
  @MethodSource("valid")
  void decodingGivesTheFields(JsonNode v) {
    byte[] bytes = SwarmVectors.hex(v.get("hex").asText());
    Manifest m = ManifestCodec.decode(bytes);
    assertEquals(v.get("name").asText(), m.name());
    assertEquals(v.get("pieceSize").asInt(), m.pieceSize());
    assertEquals(v.get("totalSize").asLong(), m.totalSize());
    assertEquals(v.get("files").size(), m.files().size());
    for (int i = 0; i < m.files().size(); i++) {
      JsonNode f = v.get("files").get(i);
      assertEquals(new FileEntry(f.get("path").asText(), f.get("size").asLong()), m.files().get(i));
    }
    assertEquals(v.get("pieces").size(), m.pieceCount());
    for (int p = 0; p < m.pieceCount(); p++) {
      JsonNode piece = v.get("pieces").get(p);
      byte[] hash = SwarmVectors.hex(piece.get("sha256").asText());
      assertArrayEquals(hash, m.pieceHash(p));
      assertEquals(true, m.pieceHashEquals(p, hash));
      assertEquals(piece.get("offset").asLong(), m.pieceOffset(p));
      assertEquals(piece.get("length").asInt(), m.pieceLength(p));
      List<FileSlice> expected = new ArrayList<>();
      for (JsonNode s : piece.get("fileSlices")) {
        expected.add(new FileSlice(s.get("fileIndex").asInt(), s.get("fileOffset").asLong(),
            s.get("pieceOffset").asInt(), s.get("length").asInt()));
      }
      assertEquals(expected, m.fileSlices(p), "file slices of piece " + p);
    }
    assertEquals(v.get("contentId").asText(), m.contentId().hex());
    assertArrayEquals(bytes, m.toBytes());
  }

  @ParameterizedTest(name = "rejects {0}, naming {2}")
  @MethodSource("invalid")
  void invalidManifestsAreRejectedNamingTheField(String name, byte[] input, String field) {
    ManifestFormatException e = assertThrows(ManifestFormatException.class, () -> ManifestCodec.decode(input));
    assertEquals(field, e.field(), e.getMessage());
  }
}
