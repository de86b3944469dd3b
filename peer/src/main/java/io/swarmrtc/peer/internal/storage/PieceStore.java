package io.swarmrtc.peer.internal.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pieces straight to disk. A download writes pieces at their positions into sparse, pre-sized
 * {@code <file>.part} files: either whole pieces its caller already verified in memory
 * ({@link #writeVerifiedPiece}: hashed once, as received), or blocks followed by
 * {@link #finishPiece}, which hashes the piece back from disk. Only then does a piece count as
 * verified (readable, servable); the verified set is persisted in {@code <name>.swarmrtc-state} (see
 * {@link ResumeState}) in batches, always after an fsync of the data it claims (write, then force,
 * then the state), so a killed process never resumes trusting a piece whose bytes were not durably
 * on disk. When every piece is verified the
 * parts are renamed to their final names and the state file is deleted. A final file is therefore
 * never partial or unverified, and an existing file that is not this content is never overwritten.
 *
 * <pre>{@code
 * try (PieceStore store = PieceStore.openForDownload(dir, "holiday", layout, hashes, StoreOptions.defaults())) {
 *   store.writeVerifiedPiece(piece, bytesTheSessionVerified);   // or, block by block:
 *   store.writeBlock(piece, offset, data, 0, data.length);
 *   if (store.finishPiece(piece) == PieceStore.Verdict.VERIFIED) { ... send HAVE ... }
 * }
 * }</pre>
 *
 * <p>Thread-safe. Memory stays bounded whatever the content size: no whole-piece or whole-file
 * buffers except the blocks callers pass in or ask for.
 */
public final class PieceStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PieceStore.class);
  public static final String STATE_SUFFIX = ".swarmrtc-state";
  public static final String PART_SUFFIX = ".part";
  /** The largest block {@link #readBlock} serves (the channel's message limit). */
  public static final int MAX_READ = 256 * 1024;

  /** What {@link #finishPiece} found. */
  public enum Verdict { VERIFIED, ALREADY_VERIFIED, CORRUPT }

  private final ContentLayout layout;
  private final List<byte[]> hashes;
  private final StoreOptions options;
  private final PieceFiles files;
  private final List<Path> currentPaths;
  private final List<Path> finalPaths;
  private final Path stateFile; // null when seeding
  private final byte[] fingerprint;
  private final BitSet verified;
  private int unsaved;
  private long lastSaveMillis;
  private boolean complete;
  private boolean closed;

  /** See {@link StoreOpening}, which decides what a store starts from. */
  PieceStore(ContentLayout layout, List<byte[]> hashes, StoreOptions options, PieceFiles files,
      List<Path> currentPaths, List<Path> finalPaths, Path stateFile, BitSet verified, boolean complete) {
    this.layout = layout;
    this.hashes = hashes;
    this.options = options;
    this.files = files;
    this.currentPaths = new ArrayList<>(currentPaths);
    this.finalPaths = finalPaths;
    this.stateFile = stateFile;
    this.fingerprint = ResumeState.fingerprint(layout, hashes);
    this.verified = verified;
    this.complete = complete;
    this.lastSaveMillis = options.clock().millis();
  }

  /**
   * Opens (or resumes) a download into {@code dir}.
   *
   * @param name names the state file ({@code <name>.swarmrtc-state}); e.g. the share's name or id
   * @param pieceHashes SHA-256 of every piece, from the manifest
   * @throws StoreException BAD_PATH for a path leaving {@code dir}; TARGET_EXISTS if a final file
   *     exists that is not this content
   */
  public static PieceStore openForDownload(Path dir, String name, ContentLayout layout,
      List<byte[]> pieceHashes, StoreOptions options) throws IOException {
    return StoreOpening.forDownload(dir, name, layout, pieceHashes, options);
  }

  /**
   * Opens complete local files to serve them (a seeder). Every piece counts as verified: the
   * hashes were computed from these files ({@link PieceHasher}). Nothing is written.
   */
  public static PieceStore openForSeeding(Path dir, ContentLayout layout, List<byte[]> pieceHashes)
      throws IOException {
    return StoreOpening.forSeeding(dir, layout, pieceHashes);
  }

  public ContentLayout layout() {
    return layout;
  }

  /** Writes one block of an unverified piece at its place on disk. Blocks of verified pieces are ignored. */
  public void writeBlock(int piece, int offset, byte[] data, int from, int length) throws IOException {
    synchronized (this) {
      checkOpen();
      checkBlock(piece, offset, length);
      if (verified.get(piece)) {
        return;
      }
    }
    files.write(piece, offset, data, from, length);
  }

  /**
   * Writes a whole piece whose bytes the caller has already checked against the piece's SHA-256
   * (the swarm session does, on the bytes as received, before it asks to store them), and records it
   * as verified without hashing it again. The state file claims it only after a later fsync of the
   * data (see {@link #saveState}). Writing a piece that is already verified changes nothing.
   *
   * @throws StoreException BAD_BLOCK if {@code data} is not exactly the piece's length
   */
  public Verdict writeVerifiedPiece(int piece, byte[] data) throws IOException {
    return writeVerifiedPiece(piece, List.of(ByteBuffer.wrap(data)));
  }

  /**
   * {@link #writeVerifiedPiece(int, byte[])} for a piece held as consecutive buffers (the blocks it
   * arrived in), each read from its position to its limit; the buffers are not modified.
   */
  public Verdict writeVerifiedPiece(int piece, List<ByteBuffer> blocks) throws IOException {
    long total = 0;
    for (ByteBuffer b : blocks) {
      total += b.remaining();
    }
    synchronized (this) {
      checkOpen();
      checkBlock(piece, 0, 0);
      if (total != layout.pieceLength(piece)) {
        throw new StoreException(StoreException.Code.BAD_BLOCK,
            "piece " + piece + " has " + layout.pieceLength(piece) + " bytes, not " + total);
      }
      if (verified.get(piece)) {
        return Verdict.ALREADY_VERIFIED;
      }
    }
    int at = 0;
    for (ByteBuffer b : blocks) {
      int n = b.remaining();
      files.write(piece, at, b.duplicate());
      at += n;
    }
    return markVerified(piece);
  }

  /**
   * Hashes piece {@code piece} from disk and, if it matches, records it as verified (persisting
   * the state in batches, and finishing the download after the last piece). A corrupt piece stays
   * unverified; its blocks are simply overwritten by the next attempt.
   */
  public Verdict finishPiece(int piece) throws IOException {
    synchronized (this) {
      checkOpen();
      checkBlock(piece, 0, 0);
      if (verified.get(piece)) {
        return Verdict.ALREADY_VERIFIED;
      }
    }
    byte[] actual = files.hash(piece);
    if (!Arrays.equals(actual, hashes.get(piece))) {
      return Verdict.CORRUPT;
    }
    return markVerified(piece);
  }

  /** Counts a piece whose bytes are written as verified; persists the state in batches. */
  private Verdict markVerified(int piece) throws IOException {
    synchronized (this) {
      checkOpen();
      if (verified.get(piece)) {
        return Verdict.ALREADY_VERIFIED;
      }
      verified.set(piece);
      unsaved++;
      long now = options.clock().millis();
      if (!completeIfDone() && (unsaved >= options.batchPieces()
          || now - lastSaveMillis >= options.batchInterval().toMillis())) {
        saveState();
      }
      return Verdict.VERIFIED;
    }
  }

  /** Reads a block of a verified piece, for serving it. */
  public byte[] readBlock(int piece, int offset, int length) throws IOException {
    synchronized (this) {
      checkOpen();
      checkBlock(piece, offset, length);
      if (length > MAX_READ) {
        throw new StoreException(StoreException.Code.BAD_BLOCK, "block of " + length + " bytes is over " + MAX_READ);
      }
      if (!verified.get(piece)) {
        throw new StoreException(StoreException.Code.NOT_VERIFIED, "piece " + piece + " is not verified");
      }
    }
    return files.read(piece, offset, length);
  }

  public synchronized boolean hasPiece(int piece) {
    return piece >= 0 && piece < layout.pieceCount() && verified.get(piece);
  }

  /** A copy of the verified set. */
  public synchronized BitSet verifiedPieces() {
    return (BitSet) verified.clone();
  }

  public synchronized int verifiedCount() {
    return verified.cardinality();
  }

  /** True once every piece is verified and the files carry their final names. */
  public synchronized boolean isComplete() {
    return complete;
  }

  /** Where the files are now ({@code .part} names until complete). */
  public synchronized List<Path> currentPaths() {
    return List.copyOf(currentPaths);
  }

  /** Where the files end up. */
  public List<Path> finalPaths() {
    return finalPaths;
  }

  /** Persists the verified set now (e.g. on pause). */
  public synchronized void flush() throws IOException {
    checkOpen();
    if (stateFile != null && !complete) {
      saveState();
    }
  }

  /** Persists the state and closes the files. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      if (stateFile != null && !complete && unsaved > 0) {
        saveState();
      }
    } finally {
      closed = true;
      files.close();
    }
  }

  /** Test hook: closes the files without persisting anything, as a killed process would. */
  synchronized void abandon() throws IOException {
    closed = true;
    files.close();
  }

  // ---- internals (callers hold the lock) ----

  /**
   * Persists the verified set. A piece is marked only after its write returned, and marking and
   * saving share this lock, so forcing the files first makes every claimed piece durable before the
   * state that claims it is written (atomically) in turn.
   */
  private void saveState() throws IOException {
    files.force(); // the data must be durable before the state claims it
    ResumeState.save(stateFile, fingerprint, layout.pieceCount(), verified);
    unsaved = 0;
    lastSaveMillis = options.clock().millis();
  }

  private boolean completeIfDone() throws IOException {
    if (complete || verified.cardinality() < layout.pieceCount()) {
      return complete;
    }
    saveState(); // says "complete": a crash during the renames below resumes correctly
    for (int i = 0; i < currentPaths.size(); i++) {
      Path from = currentPaths.get(i);
      Path to = finalPaths.get(i);
      if (!from.equals(to)) {
        if (Files.exists(to)) {
          throw new StoreException(StoreException.Code.TARGET_EXISTS, to + " appeared during the download");
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        currentPaths.set(i, to);
        ResumeState.syncDirectory(to.getParent());
      }
    }
    Files.deleteIfExists(stateFile);
    complete = true;
    LOG.info("download complete: {} file(s), {} bytes", finalPaths.size(), layout.totalSize());
    return true;
  }

  /** After opening a resumed download: checks a few claimed pieces, and finishes if all are there. */
  synchronized void checkResumed() throws IOException {
    spotCheck();
    completeIfDone();
  }

  private void spotCheck() throws IOException {
    int[] claimed = verified.stream().toArray();
    if (claimed.length == 0 || options.spotChecks() == 0) {
      return;
    }
    boolean allGood = true;
    for (int i = 0; i < Math.min(options.spotChecks(), claimed.length) && allGood; i++) {
      int p = claimed[options.random().nextInt(claimed.length)];
      allGood = Arrays.equals(files.hash(p), hashes.get(p));
    }
    if (!allGood) {
      LOG.warn("resume state does not match the data on disk; re-verifying {} pieces", claimed.length);
      for (int p : claimed) {
        if (!Arrays.equals(files.hash(p), hashes.get(p))) {
          verified.clear(p);
        }
      }
      saveState();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreException(StoreException.Code.CLOSED, "store is closed");
    }
  }

  private void checkBlock(int piece, int offset, int length) {
    if (piece < 0 || piece >= layout.pieceCount() || offset < 0 || length < 0
        || (long) offset + length > layout.pieceLength(piece)) {
      throw new StoreException(StoreException.Code.BAD_BLOCK,
          "block " + piece + ":" + offset + "+" + length + " is outside the content");
    }
  }
}
