package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.swarm.PieceData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The disk side of a {@link SwarmEngine}: a seeder's source files or a download's piece store.
 * Called only on the engine's thread.
 */
interface EngineStorage extends AutoCloseable {
  /** The manifest arrived from a peer and matches the content id: prepare to store pieces. */
  default void onManifest(Manifest manifest) throws IOException {
    throw new IllegalStateException("a seeder already has its manifest");
  }

  /** Stores a piece the session verified. */
  default void store(int piece, PieceData data) throws IOException {
    throw new IllegalStateException("a seeder stores nothing");
  }

  /** Reads {@code length} bytes of a held piece into {@code dest} at {@code destOffset}. */
  void read(int piece, int offset, byte[] dest, int destOffset, int length) throws IOException;

  /** Every piece is stored: finish (rename parts) and return the final paths. */
  default List<Path> complete() throws IOException {
    return files();
  }

  /** The content's files (final names). */
  List<Path> files();

  @Override
  void close();
}
