package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.protocol.manifest.ContentId;
import io.swarmrtc.protocol.manifest.FileEntry;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.swarm.PieceData;
import io.swarmrtc.peer.internal.storage.ContentLayout;
import io.swarmrtc.peer.internal.storage.PieceStore;
import io.swarmrtc.peer.internal.storage.StoreException;
import io.swarmrtc.peer.internal.storage.StoreOptions;
import io.swarmrtc.peer.internal.storage.StoredFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.time.Duration;
import java.util.List;

/**
 * A download's storage: a {@link PieceStore} in the download directory (parts, resume state,
 * final names on completion) plus the saved manifest. Pieces arrive verified by the session (SHA-256
 * of the bytes as received) and are written as they are; the store persists the verified set only
 * after forcing those bytes to disk, so the resume state never claims a piece whose bytes are not
 * durably there.
 */
final class DownloadFiles implements EngineStorage {
  private final Path dir;
  private final ContentId contentId;
  private PieceStore store; // null until the manifest is known

  DownloadFiles(Path dir, ContentId contentId) {
    this.dir = dir;
    this.contentId = contentId;
  }

  /** The manifest of an earlier run of this download, if its files are here. */
  java.util.Optional<Manifest> savedManifest() throws IOException {
    return ManifestFile.load(dir, contentId);
  }

  /** Opens the store for {@code manifest}; returns the pieces already verified on disk. */
  BitSet open(Manifest manifest) throws IOException {
    Files.createDirectories(dir);
    List<StoredFile> files = new ArrayList<>();
    for (FileEntry f : manifest.files()) {
      files.add(new StoredFile(f.path(), f.size()));
    }
    List<byte[]> hashes = new ArrayList<>(manifest.pieceCount());
    for (int i = 0; i < manifest.pieceCount(); i++) {
      hashes.add(manifest.pieceHash(i));
    }
    ManifestFile.save(dir, manifest);
    store = PieceStore.openForDownload(dir, contentId.hex(), new ContentLayout(files, manifest.pieceSize()),
        hashes, storeOptions(manifest.pieceSize()));
    if (store.isComplete()) {
      ManifestFile.delete(dir, contentId);
    }
    return store.verifiedPieces();
  }

  /**
   * Resume state (and the fsync before it) once a second or every 64 MiB, whichever comes first:
   * syncing every few pieces costs more throughput than the second of work a crash may lose.
   */
  private static StoreOptions storeOptions(int pieceSize) {
    StoreOptions d = StoreOptions.defaults();
    return new StoreOptions(Math.max(16, (64 << 20) / pieceSize), Duration.ofSeconds(1), d.spotChecks(), d.clock(),
        d.random());
  }

  boolean isComplete() {
    return store != null && store.isComplete();
  }

  @Override
  public void onManifest(Manifest manifest) throws IOException {
    open(manifest);
  }

  /** Writes a piece the session verified (hashed once, as received); the store does not hash it again. */
  @Override
  public void store(int piece, PieceData data) throws IOException {
    store.writeVerifiedPiece(piece, data.blocks());
  }

  @Override
  public void read(int piece, int offset, byte[] dest, int destOffset, int length) throws IOException {
    byte[] block = store.readBlock(piece, offset, length);
    System.arraycopy(block, 0, dest, destOffset, length);
  }

  @Override
  public List<Path> complete() throws IOException {
    if (!store.isComplete()) {
      throw new StoreException(StoreException.Code.IO, "every piece verified but the store is not complete");
    }
    ManifestFile.delete(dir, contentId);
    return store.finalPaths();
  }

  @Override
  public List<Path> files() {
    return store == null ? List.of() : store.currentPaths();
  }

  @Override
  public void close() {
    if (store != null) {
      try {
        store.close();
      } catch (IOException e) {
        org.slf4j.LoggerFactory.getLogger(DownloadFiles.class).warn("could not save the resume state: {}", e.toString());
      }
    }
  }
}
