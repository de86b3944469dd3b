package io.swarmrtc.peer.internal.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Computes the SHA-256 of every piece of local files (for sharing), streaming with bounded memory. */
public final class PieceHasher {
  private PieceHasher() {}

  public static List<byte[]> hashPieces(Path dir, ContentLayout layout) throws IOException {
    try (PieceFiles files = new PieceFiles(layout, PieceFiles.paths(dir, layout, ""), false)) {
      List<byte[]> out = new ArrayList<>(layout.pieceCount());
      for (int p = 0; p < layout.pieceCount(); p++) {
        out.add(files.hash(p));
      }
      return out;
    }
  }
}
