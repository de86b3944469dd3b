package io.swarmrtc.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

final class StoredPiece {
  private StoredPiece() {}

  /** Asserts the commands store exactly piece {@code piece} with the fixture's bytes. */
  static void assertStored(Fixture f, List<SwarmCommand> commands, int piece) {
    List<SwarmCommand.StorePiece> stored = Fixture.commands(commands, SwarmCommand.StorePiece.class);
    assertEquals(1, stored.size(), "one piece stored");
    assertEquals(piece, stored.get(0).piece());
    int from = (int) f.manifest.pieceOffset(piece);
    assertArrayEquals(Arrays.copyOfRange(f.content, from, from + f.manifest.pieceLength(piece)), stored.get(0).data().toByteArray());
  }
}
