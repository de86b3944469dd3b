package io.swarmrtc.protocol.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestBuilderTest {
  @ParameterizedTest(name = "{0} bytes get {1}-byte pieces")
  @CsvSource({
      "0, 262144",
      "1, 262144",
      "536870912, 262144",        // 512 MiB = 2048 x 256 KiB
      "536870913, 524288",        // one byte more needs 512 KiB pieces
      "1073741824, 524288",
      "34359738368, 16777216",    // 32 GiB = 2048 x 16 MiB
      "34359738369, 16777216",    // beyond: capped at 16 MiB
  })
  void theDefaultPieceSizeIsTheSmallestPowerOfTwoKeepingAtMost2048Pieces(long total, int expected) {
    assertEquals(expected, ManifestBuilder.defaultPieceSize(total));
  }

  @Test
  void aFileOnDiskIsHashedPieceByPiece(@TempDir Path dir) throws IOException {
    byte[] content = new byte[40000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Path file = dir.resolve("f.bin");
    Files.write(file, content);
    Manifest m = new ManifestBuilder("f").pieceSize(16384).addFile("f.bin", file).build();
    assertEquals(3, m.pieceCount());
    assertTrue(m.pieceHashEquals(2, Sha256.digest(content, 32768, 40000 - 32768)));
  }

  @Test
  void aSourceShorterThanDeclaredFailsTheBuild() {
    ManifestBuilder b = new ManifestBuilder("x").addFile("a", 10, () -> new ByteArrayInputStream(new byte[9]));
    assertThrows(IOException.class, b::build);
  }

  @Test
  void aSourceLongerThanDeclaredFailsTheBuild() {
    ManifestBuilder b = new ManifestBuilder("x").addFile("a", 10, () -> new ByteArrayInputStream(new byte[11]));
    assertThrows(IOException.class, b::build);
  }

  @Test
  void anUnsafePathIsRejectedWhenAdded() {
    ManifestFormatException e = assertThrows(ManifestFormatException.class,
        () -> new ManifestBuilder("x").addFile("../etc/passwd", 1, () -> new ByteArrayInputStream(new byte[1])));
    assertEquals("path", e.field());
  }

  @Test
  void manifestOfValidatesThatThereIsOneHashPerPiece() {
    ManifestFormatException e = assertThrows(ManifestFormatException.class,
        () -> Manifest.of("x", List.of(new FileEntry("a", 20000)), 16384, List.of(new byte[32])));
    assertEquals("pieceCount", e.field());
  }

  @Test
  void aNameOver255BytesIsRejected() {
    ManifestFormatException e = assertThrows(ManifestFormatException.class,
        () -> Manifest.of("\u00e9".repeat(128), List.of(new FileEntry("a", 0)), 16384, List.of()));
    assertEquals("name", e.field());
  }
}
