package io.swarmrtc.peer.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentLayoutTest {
  // Files of 10, 0, 25 and 5 bytes cut into 16-byte pieces: 40 bytes, 3 pieces (16, 16, 8).
  private final ContentLayout layout = new ContentLayout(List.of(
      new StoredFile("a", 10), new StoredFile("empty", 0), new StoredFile("dir/b", 25),
      new StoredFile("c", 5)), 16);

  @Test
  void countsPiecesAndTheShortLastPiece() {
    assertEquals(40, layout.totalSize());
    assertEquals(3, layout.pieceCount());
    assertEquals(16, layout.pieceLength(0));
    assertEquals(8, layout.pieceLength(2));
  }

  @ParameterizedTest(name = "piece {0} bytes {1}+{2} lie in {3}")
  @CsvSource(delimiter = '|', value = {
      "0|0|16|0@0+10, 2@0+6",
      "0|10|6|2@0+6",
      "1|0|16|2@6+16",
      "2|0|8|2@22+3, 3@0+5",
      "2|3|5|3@0+5",
      "0|4|2|0@4+2",
  })
  void mapsPieceRangesOntoFiles(int piece, int offset, int length, String expected) {
    String actual = String.join(", ", layout.spans(piece, offset, length).stream()
        .map(s -> s.fileIndex() + "@" + s.fileOffset() + "+" + s.length()).toList());
    assertEquals(expected, actual);
  }

  @Test
  void emptyContentHasNoPieces() {
    assertEquals(0, new ContentLayout(List.of(new StoredFile("e", 0)), 16).pieceCount());
  }

  @Test
  void rangesOutsideAPieceAreRejected() {
    assertThrows(IndexOutOfBoundsException.class, () -> layout.spans(2, 4, 5));
    assertThrows(IndexOutOfBoundsException.class, () -> layout.spans(3, 0, 1));
  }
}
