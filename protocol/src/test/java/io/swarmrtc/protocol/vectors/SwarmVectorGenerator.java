package io.swarmrtc.protocol.vectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmrtc.protocol.manifest.ContentId;
import io.swarmrtc.protocol.manifest.FileSlice;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.ManifestBuilder;
import io.swarmrtc.protocol.manifest.Sha256;
import io.swarmrtc.protocol.swarm.SwarmCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the shared swarm vectors (protocol/src/test/resources/vectors/swarm). Run it only to add
 * cases; its output is checked in and must not change for existing cases:
 * {@code mvn -pl protocol -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.swarmrtc.protocol.vectors.SwarmVectorGenerator -Dexec.args=protocol/src/test/resources/vectors/swarm}
 *
 * <p>Valid message and manifest vectors come from the encoder (and are re-checked by the decoder in
 * the tests); invalid ones are hand-assembled bytes with the field the decoder must name.
 */
public final class SwarmVectorGenerator {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final ContentId CID = ContentId.ofCanonicalBytes("swarmrtc".getBytes(StandardCharsets.UTF_8));

  private SwarmVectorGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "protocol/src/test/resources/vectors/swarm");
    Files.createDirectories(dir.resolve("messages"));
    Files.createDirectories(dir.resolve("manifests"));
    ObjectNode index = JSON.objectNode();
    index.put("description", "swarmrtc swarm vectors; see docs/swarm-protocol.md. Hex is lowercase.");
    ArrayNode messages = index.putArray("messages");
    for (var t : MessageVectors.all().entrySet()) {
      ObjectNode file = JSON.objectNode();
      file.put("type", t.getKey());
      ArrayNode cases = file.putArray("cases");
      for (var c : t.getValue()) {
        ObjectNode n = cases.addObject();
        n.put("name", c.name());
        n.set("fields", MessageJson.toJson(c.message()));
        n.put("hex", hex(SwarmCodec.encode(c.message())));
      }
      String path = "messages/" + t.getKey().toLowerCase().replace('_', '-') + ".json";
      write(dir.resolve(path), file);
      messages.add(path);
    }
    write(dir.resolve("invalid-messages.json"), InvalidVectors.messages());
    index.put("invalidMessages", "invalid-messages.json");

    ArrayNode manifests = index.putArray("manifests");
    for (var c : ManifestCases.all()) {
      String path = "manifests/" + c.id() + ".json";
      write(dir.resolve(path), manifestVector(c));
      manifests.add(path);
    }
    write(dir.resolve("invalid-manifests.json"), InvalidVectors.manifests());
    index.put("invalidManifests", "invalid-manifests.json");
    write(dir.resolve("share-links.json"), ShareLinkVectors.all());
    index.put("shareLinks", "share-links.json");
    // Recorded by hand from swarm's CrossImplementationTraceTest (see the file's description).
    index.put("simulationTraces", "simulation-traces.json");
    write(dir.resolve("index.json"), index);
  }

  static ObjectNode manifestVector(ManifestCases.Case c) throws IOException {
    ManifestBuilder b = new ManifestBuilder(c.name()).pieceSize(c.pieceSize());
    for (int i = 0; i < c.paths().size(); i++) {
      byte[] content = c.contents().get(i);
      b.addFile(c.paths().get(i), content.length, () -> new ByteArrayInputStream(content));
    }
    Manifest m = b.build();
    ObjectNode n = JSON.objectNode();
    n.put("description", c.description());
    n.put("name", m.name());
    n.put("pieceSize", m.pieceSize());
    ArrayNode files = n.putArray("files");
    for (int i = 0; i < m.files().size(); i++) {
      ObjectNode f = files.addObject();
      f.put("path", m.files().get(i).path());
      f.put("size", m.files().get(i).size());
      f.put("contentHex", hex(c.contents().get(i)));
    }
    ArrayNode pieces = n.putArray("pieces");
    for (int p = 0; p < m.pieceCount(); p++) {
      ObjectNode piece = pieces.addObject();
      piece.put("sha256", hex(m.pieceHash(p)));
      piece.put("offset", m.pieceOffset(p));
      piece.put("length", m.pieceLength(p));
      ArrayNode slices = piece.putArray("fileSlices");
      for (FileSlice s : m.fileSlices(p)) {
        ObjectNode sn = slices.addObject();
        sn.put("fileIndex", s.fileIndex());
        sn.put("fileOffset", s.fileOffset());
        sn.put("pieceOffset", s.pieceOffset());
        sn.put("length", s.length());
      }
    }
    n.put("totalSize", m.totalSize());
    n.put("hex", hex(m.toBytes()));
    n.put("contentId", m.contentId().hex());
    return n;
  }

  static void write(Path path, ObjectNode node) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(path, mapper.writeValueAsString(node) + "\n");
  }

  static String hex(byte[] b) {
    StringBuilder s = new StringBuilder(b.length * 2);
    for (byte x : b) {
      s.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
    }
    return s.toString();
  }

  static String hex(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] a = new byte[d.remaining()];
    d.get(a);
    return hex(a);
  }

  /** Deterministic filler bytes (a simple LCG), so content is reproducible anywhere. */
  static byte[] pattern(int length, int seed) {
    byte[] b = new byte[length];
    int x = seed;
    for (int i = 0; i < length; i++) {
      x = x * 1103515245 + 12345;
      b[i] = (byte) (x >>> 16);
    }
    return b;
  }

  static byte[] sha(String s) {
    return Sha256.digest(s.getBytes(StandardCharsets.UTF_8));
  }
}
