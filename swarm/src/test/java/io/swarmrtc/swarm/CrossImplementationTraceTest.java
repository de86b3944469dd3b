package io.swarmrtc.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.ManifestBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java and JavaScript make the same decisions: each scenario of vectors/swarm/simulation-traces.json
 * is simulated and the SHA-256 over every message delivered (sender, receiver, bytes, in order) must
 * equal the recorded digest. client-js/test/swarm-simulation.test.js replays the same file.
 */
class CrossImplementationTraceTest {
  static List<Arguments> scenarios() throws IOException {
    // The shared vectors live in the protocol module; surefire runs in this module's directory.
    Path file = Path.of("..", "protocol", "src", "test", "resources", "vectors", "swarm", "simulation-traces.json");
    try (InputStream in = Files.newInputStream(file)) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Arguments> out = new ArrayList<>();
      for (JsonNode s : root.get("scenarios")) {
        out.add(Arguments.of(Named.of(s.get("name").asText(), s)));
      }
      return out;
    }
  }

  /** The content generator shared with the vectors and client-js (a 32-bit LCG). */
  static byte[] lcg(int n, int seed) {
    byte[] b = new byte[n];
    int x = seed;
    for (int i = 0; i < n; i++) {
      x = x * 1103515245 + 12345;
      b[i] = (byte) (x >>> 16);
    }
    return b;
  }

  @ParameterizedTest(name = "{0}: the message trace equals the recorded one")
  @MethodSource("scenarios")
  void theSimulationProducesTheRecordedTrace(JsonNode s) throws IOException {
    int pieceSize = s.get("pieceSize").asInt();
    byte[] content = lcg(s.get("pieces").asInt() * pieceSize - s.get("contentShortBy").asInt(), s.get("contentSeed").asInt());
    Manifest m = new ManifestBuilder("sim").pieceSize(pieceSize)
        .addFile("data.bin", content.length, () -> new ByteArrayInputStream(content)).build();
    SwarmConfig config = SwarmConfig.builder().blockSize(s.get("blockSize").asInt()).build();
    SwarmSimulation sim = new SwarmSimulation();
    SwarmSimulation.Node sharer = sim.add("sharer", SwarmSession.seeding(m, config, sim.clock), content, s.get("sharerBlocksPerTick").asInt());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < s.get("downloaders").asInt(); i++) {
      ids.add("d" + i);
      sim.add("d" + i, SwarmSession.downloading(m.contentId(), config, sim.clock), null, s.get("downloaderBlocksPerTick").asInt());
      sim.connect("d" + i, "sharer");
      for (int j = 0; j < i; j++) {
        sim.connect("d" + i, "d" + j);
      }
    }
    if (s.get("sharerLeavesAfterUploadingContentOnce").asBoolean()) {
      sharer.uploadLimitBytes = content.length;
      while (sharer.uploadedBytes < content.length && sim.ticks < 10_000) {
        sim.tick();
      }
      sim.drain();
      sim.leave("sharer");
    }
    while (sim.ticks < 10_000 && !ids.stream().allMatch(id -> sim.nodes.get(id).completed)) {
      sim.tick();
    }
    assertTrue(ids.stream().allMatch(id -> sim.nodes.get(id).completed), "every downloader completed");
    assertEquals(s.get("contentId").asText(), m.contentId().hex());
    assertEquals(s.get("ticks").asInt(), sim.ticks);
    assertEquals(s.get("trace").asText(), sim.traceHex());
  }
}
