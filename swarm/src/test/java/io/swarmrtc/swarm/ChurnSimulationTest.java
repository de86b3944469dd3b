package io.swarmrtc.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.ManifestBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A swarm under churn and attack: downloaders join one after another, one leaves and comes back
 * with nothing, a peer serves corrupt data, and the sharer leaves half-way through its second
 * upload of the content. Every honest downloader still finishes with the exact content, and the
 * corrupting peer ends up banned.
 */
class ChurnSimulationTest {
  static final int PIECE_SIZE = 32 * 1024;
  static final SwarmConfig CONFIG = SwarmConfig.builder().blockSize(16 * 1024).build();

  @Test
  void honestDownloadersFinishDespiteChurnACorruptPeerAndTheSharerLeaving() throws IOException {
    byte[] content = new byte[40 * PIECE_SIZE - 777];
    new Random(7).nextBytes(content);
    Manifest m = new ManifestBuilder("churn").pieceSize(PIECE_SIZE)
        .addFile("a.bin", 300_000, () -> new ByteArrayInputStream(content, 0, 300_000))
        .addFile("b.bin", content.length - 300_000, () -> new ByteArrayInputStream(content, 300_000, content.length - 300_000))
        .build();
    byte[] corrupt = content.clone();
    for (int p = 0; p < m.pieceCount(); p += 2) {
      corrupt[(int) m.pieceOffset(p)] ^= 0x55; // every even piece is bad
    }

    SwarmSimulation sim = new SwarmSimulation();
    sim.add("sharer", SwarmSession.seeding(m, CONFIG, sim.clock), content, 2);
    sim.add("evil", SwarmSession.seeding(m, CONFIG, sim.clock), corrupt, 2);
    sim.connect("evil", "sharer");
    List<String> honest = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = "d" + i;
      honest.add(id);
      sim.add(id, SwarmSession.downloading(m.contentId(), CONFIG, sim.clock), null, 1);
      for (String other : List.copyOf(sim.nodes.keySet())) {
        if (!other.equals(id)) {
          sim.connect(id, other);
        }
      }
      for (int t = 0; t < 5; t++) {
        sim.tick();
      }
    }
    for (int t = 0; t < 40; t++) {
      sim.tick();
    }
    sim.leave("d1"); // leaves with whatever it had...
    for (int t = 0; t < 20; t++) {
      sim.tick();
    }
    sim.add("d1", SwarmSession.downloading(m.contentId(), CONFIG, sim.clock), null, 1); // ...and comes back empty
    for (String other : List.copyOf(sim.nodes.keySet())) {
      if (!other.equals("d1")) {
        sim.connect("d1", other);
      }
    }
    SwarmSimulation.Node sharer = sim.nodes.get("sharer");
    sharer.uploadLimitBytes = content.length + content.length / 2;
    while (sharer.uploadedBytes < sharer.uploadLimitBytes && sim.ticks < 5_000) {
      sim.tick();
    }
    sim.drain();
    sim.leave("sharer");

    int deadline = sim.ticks + 20_000;
    while (sim.ticks < deadline && !honest.stream().allMatch(id -> sim.nodes.get(id).completed)) {
      sim.tick();
    }
    for (String id : honest) {
      SwarmSimulation.Node n = sim.nodes.get(id);
      assertTrue(n.completed, id + " completed by tick " + sim.ticks + " with " + n.session.have().cardinality() + "/" + m.pieceCount());
      assertArrayEquals(content, n.storage, id + " stored exactly the content");
    }
    long banning = honest.stream().filter(id -> sim.nodes.get(id).session.isBanned("evil")).count();
    assertTrue(banning > 0, "the corrupting peer is banned by the peers it fed bad pieces");
  }
}
