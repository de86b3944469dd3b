package io.swarmrtc.peer.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real files in a temp dir. */
class PieceStoreTest {
  private static final int PIECE = 16 * 1024;
  @TempDir Path dir;

  // Three files, pieces spanning file boundaries, an empty file in the middle, a short last piece.
  private final ContentLayout layout = new ContentLayout(List.of(
      new StoredFile("movie/part1.bin", 40_000), new StoredFile("movie/empty.txt", 0),
      new StoredFile("movie/part2.bin", 70_001), new StoredFile("readme.txt", 123)), PIECE);
  private final byte[] content = randomBytes((int) layout.totalSize(), 7);
  private final List<byte[]> hashes = pieceHashes(content, layout);

  private StoreOptions options(int batch) {
    return options(batch, 2);
  }

  private StoreOptions options(int batch, int spotChecks) {
    return new StoreOptions(batch, Duration.ofDays(1), spotChecks, Clock.systemUTC(), new Random(1));
  }

  /** Writes piece p in 5,000-byte blocks (not aligned to anything) and finishes it. */
  private PieceStore.Verdict download(PieceStore store, int p, byte[] source) throws IOException {
    int length = layout.pieceLength(p);
    for (int off = 0; off < length; off += 5000) {
      int n = Math.min(5000, length - off);
      store.writeBlock(p, off, source, p * PIECE + off, n);
    }
    return store.finishPiece(p);
  }

  @Test
  void aCompleteDownloadEndsWithFinalFilesEqualToTheContentAndNoLeftovers() throws IOException {
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(2, 2))) {
      for (int p = layout.pieceCount() - 1; p >= 0; p--) { // any order
        assertFalse(store.isComplete());
        assertEquals(PieceStore.Verdict.VERIFIED, download(store, p, content));
      }
      assertTrue(store.isComplete());
      assertEquals(PieceStore.Verdict.ALREADY_VERIFIED, store.finishPiece(0));
      assertArrayEquals(Arrays.copyOfRange(content, PIECE + 100, PIECE + 300), store.readBlock(1, 100, 200));
    }
    assertContentOnDisk();
    try (var files = Files.walk(dir)) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".part")
          || f.toString().contains(".swarmrtc-state")).toList());
    }
  }

  @Test
  void aCorruptPieceIsNotKeptAndAGoodRetryIs() throws IOException {
    byte[] bad = content.clone();
    bad[PIECE + 5] ^= 1;
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(1))) {
      assertEquals(PieceStore.Verdict.CORRUPT, download(store, 1, bad));
      assertFalse(store.hasPiece(1));
      StoreException e = assertThrows(StoreException.class, () -> store.readBlock(1, 0, 10));
      assertEquals(StoreException.Code.NOT_VERIFIED, e.code());
      assertEquals(PieceStore.Verdict.VERIFIED, download(store, 1, content));
      assertTrue(store.hasPiece(1));
    }
  }

  @Test
  void afterACrashTheDownloadContinuesFromThePersistedState() throws IOException {
    PieceStore first = PieceStore.openForDownload(dir, "movie", layout, hashes, options(2));
    download(first, 0, content);
    download(first, 3, content); // batch of 2: the state is written now
    download(first, 5, content); // verified but not yet persisted when the process dies
    assertTrue(Files.exists(dir.resolve("movie.swarmrtc-state")));
    first.abandon(); // "kill -9": nothing more is written

    try (PieceStore second = PieceStore.openForDownload(dir, "movie", layout, hashes, options(2))) {
      BitSet expected = new BitSet();
      expected.set(0);
      expected.set(3);
      assertEquals(expected, second.verifiedPieces(), "exactly the persisted pieces survive");
      for (int p = 0; p < layout.pieceCount(); p++) {
        if (!second.hasPiece(p)) {
          assertEquals(PieceStore.Verdict.VERIFIED, download(second, p, content));
        }
      }
      assertTrue(second.isComplete());
    }
    assertContentOnDisk();
  }

  /**
   * Writes piece p as the swarm session hands over a piece it verified in memory: whole (even p) or
   * as the blocks it arrived in (odd p: 5,000-byte views into a larger array, positioned mid-array).
   */
  private PieceStore.Verdict writeVerified(PieceStore store, int p) throws IOException {
    int from = p * PIECE;
    int length = layout.pieceLength(p);
    if (p % 2 == 0) {
      return store.writeVerifiedPiece(p, Arrays.copyOfRange(content, from, from + length));
    }
    List<java.nio.ByteBuffer> blocks = new ArrayList<>();
    for (int off = 0; off < length; off += 5000) {
      blocks.add(java.nio.ByteBuffer.wrap(content, from + off, Math.min(5000, length - off)));
    }
    return store.writeVerifiedPiece(p, blocks);
  }

  @Test
  void piecesVerifiedInMemoryAreWrittenWithoutHashingAgainAndSurviveACrashOnlyOncePersisted() throws IOException {
    PieceStore first = PieceStore.openForDownload(dir, "movie", layout, hashes, options(2));
    assertEquals(PieceStore.Verdict.VERIFIED, writeVerified(first, 1));
    assertEquals(PieceStore.Verdict.VERIFIED, writeVerified(first, 4)); // batch of 2: forced, then persisted
    assertEquals(PieceStore.Verdict.VERIFIED, writeVerified(first, 6)); // servable, not yet persisted
    assertEquals(PieceStore.Verdict.ALREADY_VERIFIED, writeVerified(first, 6));
    assertArrayEquals(Arrays.copyOfRange(content, 6 * PIECE, 6 * PIECE + 10), first.readBlock(6, 0, 10));
    first.abandon(); // "kill -9"

    try (PieceStore second = PieceStore.openForDownload(dir, "movie", layout, hashes, options(2))) {
      BitSet expected = new BitSet();
      expected.set(1);
      expected.set(4);
      assertEquals(expected, second.verifiedPieces(), "exactly the persisted pieces survive");
      for (int p = 0; p < layout.pieceCount(); p++) {
        if (!second.hasPiece(p)) {
          assertEquals(PieceStore.Verdict.VERIFIED, writeVerified(second, p));
        }
      }
      assertTrue(second.isComplete());
    }
    assertContentOnDisk();
  }

  @ParameterizedTest(name = "a verified piece of {0} bytes instead of the piece length is refused and not kept")
  @ValueSource(ints = {0, PIECE - 1, PIECE + 1})
  void aVerifiedPieceOfTheWrongLengthIsRefused(int length) throws IOException {
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(1))) {
      StoreException e = assertThrows(StoreException.class, () -> store.writeVerifiedPiece(0, new byte[length]));
      assertEquals(StoreException.Code.BAD_BLOCK, e.code());
      assertFalse(store.hasPiece(0));
    }
  }

  @Test
  void closingPersistsEverythingVerified() throws IOException {
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(100))) {
      download(store, 1, content);
      download(store, 2, content);
    }
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(100))) {
      assertEquals(2, store.verifiedCount());
    }
  }

  @Test
  void aStateThatLiesAboutTheDataIsCaughtBySpotChecks() throws IOException {
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(1))) {
      download(store, 2, content);
    }
    // Damage piece 2 on disk behind the store's back (piece 2 starts at 32768, inside part1.bin).
    Path part = dir.resolve("movie/part1.bin.part");
    byte[] onDisk = Files.readAllBytes(part);
    onDisk[2 * PIECE + 1] ^= 1;
    Files.write(part, onDisk);
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(1, 1))) {
      assertFalse(store.hasPiece(2), "the damaged piece is no longer trusted");
    }
  }

  @ParameterizedTest(name = "a state file that is {0} is ignored")
  @ValueSource(strings = {"truncated", "bit-flipped", "for other content", "empty"})
  void aDamagedStateFileIsIgnored(String damage) throws IOException {
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(1))) {
      download(store, 0, content);
    }
    Path state = dir.resolve("movie.swarmrtc-state");
    byte[] bytes = Files.readAllBytes(state);
    switch (damage) {
      case "truncated" -> bytes = Arrays.copyOf(bytes, bytes.length - 1);
      case "bit-flipped" -> bytes[bytes.length - 6] ^= 1;
      case "for other content" -> bytes[10] ^= 1;
      default -> bytes = new byte[0];
    }
    Files.write(state, bytes);
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(1))) {
      assertEquals(0, store.verifiedCount());
    }
  }

  @Test
  void anExistingFileThatIsNotThisContentIsNeverOverwritten() throws IOException {
    Files.createDirectories(dir.resolve("movie"));
    Files.writeString(dir.resolve("movie/part1.bin"), "my own precious file");
    StoreException e = assertThrows(StoreException.class,
        () -> PieceStore.openForDownload(dir, "movie", layout, hashes, options(1)));
    assertEquals(StoreException.Code.TARGET_EXISTS, e.code());
    assertEquals("my own precious file", Files.readString(dir.resolve("movie/part1.bin")));
  }

  @Test
  void finishedFilesAreRecognisedAndServedWhenOpenedAgain() throws IOException {
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(1))) {
      for (int p = 0; p < layout.pieceCount(); p++) {
        download(store, p, content);
      }
    }
    try (PieceStore again = PieceStore.openForDownload(dir, "movie", layout, hashes, options(1))) {
      assertTrue(again.isComplete());
      assertArrayEquals(Arrays.copyOfRange(content, 0, 100), again.readBlock(0, 0, 100));
    }
    assertEquals(hashes.stream().map(Arrays::toString).toList(),
        PieceHasher.hashPieces(dir, layout).stream().map(Arrays::toString).toList());
    try (PieceStore seed = PieceStore.openForSeeding(dir, layout, hashes)) {
      int last = layout.pieceCount() - 1;
      assertArrayEquals(Arrays.copyOfRange(content, last * PIECE, content.length),
          seed.readBlock(last, 0, layout.pieceLength(last)));
    }
  }

  @ParameterizedTest(name = "path \"{0}\" is refused")
  @ValueSource(strings = {"../evil", "/etc/passwd", "a/../../b", "a//b", "a\\b", "./a", "a/.."})
  void pathsThatWouldLeaveTheDirectoryAreRefused(String path) {
    ContentLayout evil = new ContentLayout(List.of(new StoredFile(path, 10)), PIECE);
    StoreException e = assertThrows(StoreException.class, () -> PieceStore.openForDownload(
        dir, "x", evil, pieceHashes(new byte[10], evil), options(1)));
    assertEquals(StoreException.Code.BAD_PATH, e.code());
  }

  @Test
  void blocksOutsideTheirPieceAreRefused() throws IOException {
    try (PieceStore store = PieceStore.openForDownload(dir, "movie", layout, hashes, options(1))) {
      int last = layout.pieceCount() - 1;
      for (int[] bad : new int[][] {{-1, 0, 1}, {last + 1, 0, 1}, {last, layout.pieceLength(last), 1}, {0, -1, 1}}) {
        StoreException e = assertThrows(StoreException.class,
            () -> store.writeBlock(bad[0], bad[1], new byte[1], 0, bad[2]));
        assertEquals(StoreException.Code.BAD_BLOCK, e.code());
      }
    }
  }

  @Test
  @SuppressWarnings("try") // opening the store is what creates the part file
  void partFilesArePreallocatedSparse() throws IOException {
    ContentLayout big = new ContentLayout(List.of(new StoredFile("big.bin", 1L << 30)), 1 << 20);
    List<byte[]> fake = new ArrayList<>();
    for (int i = 0; i < big.pieceCount(); i++) {
      fake.add(new byte[32]);
    }
    try (PieceStore store = PieceStore.openForDownload(dir, "big", big, fake, options(1))) {
      Path part = dir.resolve("big.bin.part");
      assertEquals(1L << 30, Files.size(part));
      Process stat = new ProcessBuilder("stat", "-c", "%b %B", part.toString()).start();
      String[] blocks = new String(stat.getInputStream().readAllBytes()).trim().split(" ");
      long allocated = Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
      assertTrue(allocated < 1 << 20, "a 1 GiB part file takes almost no disk: " + allocated);
    }
  }

  private void assertContentOnDisk() throws IOException {
    byte[] joined = new byte[content.length];
    int at = 0;
    for (StoredFile f : layout.files()) {
      byte[] b = Files.readAllBytes(dir.resolve(f.path()));
      assertEquals(f.size(), b.length, f.path());
      System.arraycopy(b, 0, joined, at, b.length);
      at += b.length;
    }
    assertArrayEquals(content, joined);
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static List<byte[]> pieceHashes(byte[] content, ContentLayout layout) {
    List<byte[]> out = new ArrayList<>();
    try {
      for (int p = 0; p < layout.pieceCount(); p++) {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(content, p * layout.pieceSize(), layout.pieceLength(p));
        out.add(d.digest());
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return out;
  }
}
