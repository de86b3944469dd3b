package io.swarmrtc.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.ManifestBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The proof that the policy lets a swarm outlive its sharer: a fast sharer (4 blocks per tick;
 * downloaders upload 1) uploads exactly as many bytes as the content has and leaves while every
 * downloader is still incomplete (about half-way). Because downloaders pick rarest first and the
 * sharer serves pieces nobody has yet first, the downloaders together hold every piece at that
 * moment, and all finish from each other.
 */
class SharerLeavesSimulationTest {
  static final int PIECE_SIZE = 32 * 1024;
  static final SwarmConfig CONFIG = SwarmConfig.builder().blockSize(16 * 1024).build();

  @ParameterizedTest(name = "{0} downloaders, {1} pieces: the sharer leaves after uploading the content once, all finish")
  @CsvSource({"2, 32", "3, 48", "4, 33"})
  void aSwarmFinishesAfterTheSharerLeavesHavingUploadedEachPieceOnce(int downloaders, int pieces) throws IOException {
    byte[] content = new byte[pieces * PIECE_SIZE - 1000]; // a short last piece
    new Random(42).nextBytes(content);
    Manifest manifest = new ManifestBuilder("sim").pieceSize(PIECE_SIZE)
        .addFile("data.bin", content.length, () -> new ByteArrayInputStream(content)).build();

    SwarmSimulation sim = new SwarmSimulation();
    sim.add("sharer", SwarmSession.seeding(manifest, CONFIG, sim.clock), content, 4);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < downloaders; i++) {
      String id = "d" + i;
      ids.add(id);
      sim.add(id, SwarmSession.downloading(manifest.contentId(), CONFIG, sim.clock), null, 1);
      sim.connect(id, "sharer");
      for (int j = 0; j < i; j++) {
        sim.connect(id, "d" + j);
      }
    }

    SwarmSimulation.Node sharer = sim.nodes.get("sharer");
    sharer.uploadLimitBytes = content.length;
    while (sharer.uploadedBytes < content.length && sim.ticks < 10_000) {
      sim.tick();
    }
    assertEquals(content.length, sharer.uploadedBytes, "the sharer uploaded as many bytes as the content has: "
        + sharer.uploadedBlocks.values().stream().filter(c -> c > 1).count() + " blocks twice");
    sim.drain();
    sim.leave("sharer");

    Bitfield union = new Bitfield(manifest.pieceCount());
    for (String id : ids) {
      Bitfield have = sim.nodes.get(id).session.have();
      for (int p = 0; p < have.size(); p++) {
        if (have.get(p)) {
          union.set(p);
        }
      }
      assertTrue(have.cardinality() < manifest.pieceCount(),
          id + " is still incomplete when the sharer leaves: " + have.cardinality() + "/" + manifest.pieceCount());
    }
    assertTrue(union.isComplete(), "together the downloaders hold every piece: " + union);

    int deadline = sim.ticks + 10_000;
    while (sim.ticks < deadline && !ids.stream().allMatch(id -> sim.nodes.get(id).completed)) {
      sim.tick();
    }
    for (String id : ids) {
      SwarmSimulation.Node n = sim.nodes.get(id);
      assertTrue(n.completed, id + " completed");
      assertArrayEquals(content, n.storage, id + " stored exactly the content");
    }
  }
}
