package io.swarmrtc.peer.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link PieceStore} starts from: for a download, which files are parts, which are finals
 * renamed just before a crash, which are fresh (so the pieces saved in them are gone), or whether
 * complete final files are already there (adopted if they are this content, refused otherwise);
 * for a seeder, the files as they are.
 */
final class StoreOpening {

  private StoreOpening() {}

  /** See {@link PieceStore#openForDownload}. */
  static PieceStore forDownload(Path dir, String name, ContentLayout layout,
      List<byte[]> pieceHashes, StoreOptions options) throws IOException {
    checkHashes(layout, pieceHashes);
    List<Path> finals = checkedPaths(dir, layout, "");
    List<Path> parts = PieceFiles.paths(dir, layout, PieceStore.PART_SUFFIX);
    Path stateFile = PieceFiles.resolveInside(dir, stateName(name), "");
    byte[] print = ResumeState.fingerprint(layout, pieceHashes);
    Optional<BitSet> saved = ResumeState.load(stateFile, print, layout.pieceCount());
    boolean savedComplete = saved.map(b -> b.cardinality() == layout.pieceCount()).orElse(false);

    boolean noParts = parts.stream().noneMatch(Files::exists);
    boolean allFinals = finals.stream().allMatch(Files::exists);
    if (noParts && allFinals && !layout.files().isEmpty()) {
      return adoptExistingFinals(dir, layout, pieceHashes, options, finals, stateFile, savedComplete);
    }
    List<Path> current = new ArrayList<>();
    Set<Integer> fresh = new HashSet<>();
    for (int i = 0; i < finals.size(); i++) {
      if (Files.exists(parts.get(i))) {
        current.add(parts.get(i));
      } else if (Files.exists(finals.get(i))) {
        if (!savedComplete) {
          throw new StoreException(StoreException.Code.TARGET_EXISTS, finals.get(i) + " already exists");
        }
        current.add(finals.get(i)); // renamed just before a crash
      } else {
        current.add(parts.get(i));
        fresh.add(i);
      }
    }
    BitSet verified = saved.orElseGet(BitSet::new);
    PieceFiles pieceFiles = new PieceFiles(layout, current, true);
    for (int p = verified.nextSetBit(0); p >= 0; p = verified.nextSetBit(p + 1)) {
      if (layout.filesOf(p).stream().anyMatch(fresh::contains)) {
        verified.clear(p); // its data is gone
      }
    }
    PieceStore store = new PieceStore(layout, pieceHashes, options, pieceFiles, current, finals,
        stateFile, verified, false);
    store.checkResumed();
    return store;
  }

  /** See {@link PieceStore#openForSeeding}. */
  static PieceStore forSeeding(Path dir, ContentLayout layout, List<byte[]> pieceHashes)
      throws IOException {
    checkHashes(layout, pieceHashes);
    List<Path> finals = checkedPaths(dir, layout, "");
    BitSet all = new BitSet();
    all.set(0, layout.pieceCount());
    return new PieceStore(layout, pieceHashes, StoreOptions.defaults(),
        new PieceFiles(layout, finals, false), finals, finals, null, all, true);
  }

  private static PieceStore adoptExistingFinals(Path dir, ContentLayout layout, List<byte[]> hashes,
      StoreOptions options, List<Path> finals, Path stateFile, boolean savedComplete) throws IOException {
    PieceFiles existing;
    try {
      existing = new PieceFiles(layout, finals, false);
    } catch (StoreException e) {
      throw new StoreException(StoreException.Code.TARGET_EXISTS, "files exist with other sizes in " + dir);
    }
    BitSet all = new BitSet();
    all.set(0, layout.pieceCount());
    PieceStore s = new PieceStore(layout, hashes, options, existing, finals, finals, null, all, true);
    if (!savedComplete) { // someone else's files, or ours from an earlier finished run: check them
      for (int p = 0; p < layout.pieceCount(); p++) {
        if (!Arrays.equals(existing.hash(p), hashes.get(p))) {
          s.close();
          throw new StoreException(StoreException.Code.TARGET_EXISTS,
              "files in " + dir + " exist and differ from this content (piece " + p + ")");
        }
      }
    }
    Files.deleteIfExists(stateFile);
    return s;
  }

  private static void checkHashes(ContentLayout layout, List<byte[]> hashes) {
    if (hashes.size() != layout.pieceCount() || hashes.stream().anyMatch(h -> h.length != 32)) {
      throw new IllegalArgumentException("need one 32-byte SHA-256 per piece");
    }
  }

  private static List<Path> checkedPaths(Path dir, ContentLayout layout, String suffix) {
    List<Path> paths = PieceFiles.paths(dir, layout, suffix);
    if (new HashSet<>(paths).size() != paths.size()) {
      throw new StoreException(StoreException.Code.BAD_PATH, "duplicate paths in the layout");
    }
    return paths;
  }

  private static String stateName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
      safe = "download";
    }
    return safe + PieceStore.STATE_SUFFIX;
  }
}
