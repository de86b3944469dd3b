package io.swarmrtc.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitfieldTest {
  @ParameterizedTest(name = "{0} pieces with {1} set are {2} on the wire")
  @CsvSource({
      "0, '', ''",
      "1, 0, 80",
      "8, 0 7, 81",
      "9, 8, 0080",
      "20, 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19, fffff0",
  })
  void piecesMapToBitsMostSignificantFirst(int size, String set, String hex) {
    Bitfield b = new Bitfield(size);
    for (String s : set.isBlank() ? new String[0] : set.split(" ")) {
      b.set(Integer.parseInt(s));
    }
    assertArrayEquals(HexFormat.of().parseHex(hex), b.toWire());
    assertEquals(b, Bitfield.fromWire(ByteBuffer.wrap(b.toWire()), size));
    assertEquals(set.isBlank() ? 0 : set.split(" ").length, b.cardinality());
  }

  @ParameterizedTest(name = "{1} for {0} pieces is rejected")
  @CsvSource({"9, 00", "9, 000000", "9, 0040", "1, 40", "0, 00"})
  void aWrongLengthOrASpareBitIsRejected(int size, String hex) {
    assertThrows(IllegalArgumentException.class, () -> Bitfield.fromWire(ByteBuffer.wrap(HexFormat.of().parseHex(hex)), size));
  }

  @Test
  void setAndClearReportWhetherTheyChangedAnything() {
    Bitfield b = new Bitfield(3);
    assertEquals(true, b.set(1));
    assertEquals(false, b.set(1));
    assertEquals(true, b.clear(1));
    assertEquals(false, b.clear(1));
    assertEquals(0, b.cardinality());
  }
}
