package io.swarmrtc.peer.internal.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Java QR encoder against the libqrencode reference symbols client-js is tested with. */
class QrCodeTest {
  private static final Path VECTORS = Path.of("../client-js/test/vectors/qr-level-m.json");

  static Stream<Arguments> references() throws Exception {
    JsonNode cases = new ObjectMapper().readTree(VECTORS.toFile()).get("cases");
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : cases) {
      List<String> rows = new ArrayList<>();
      c.get("rows").forEach(r -> rows.add(r.asText()));
      String text = c.get("text").asText();
      out.add(Arguments.of(text.getBytes(StandardCharsets.UTF_8).length, c.get("version").asInt(), text, rows));
    }
    return out.stream();
  }

  /** The mask the reference used, read from its first copy of the format information. */
  private static int maskOf(List<String> rows) {
    int[][] positions = {{8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}, {8, 8}, {7, 8}, {5, 8}, {4, 8},
        {3, 8}, {2, 8}, {1, 8}, {0, 8}};
    int bits = 0;
    for (int i = 0; i < positions.length; i++) {
      bits |= (rows.get(positions[i][1]).charAt(positions[i][0]) - '0') << i;
    }
    return ((bits ^ 0x5412) >>> 10) & 7;
  }

  @ParameterizedTest(name = "matches libqrencode bit for bit for {0} bytes (version {1})")
  @MethodSource("references")
  void matchesTheReferenceSymbol(int bytes, int version, String text, List<String> rows) {
    QrCode qr = QrCode.encode(text.getBytes(StandardCharsets.UTF_8), maskOf(rows));
    assertEquals(version, qr.version());
    List<String> actual = new ArrayList<>();
    for (int y = 0; y < qr.size(); y++) {
      StringBuilder row = new StringBuilder();
      for (int x = 0; x < qr.size(); x++) {
        row.append(qr.isDark(x, y) ? '1' : '0');
      }
      actual.add(row.toString());
    }
    assertEquals(rows, actual);
  }

  @Test
  void choosesTheMaskWithTheLowestPenalty() throws Exception {
    String text = "https://swarm.example/download.html#room=abcdefghijklmnop&content=" + "ab".repeat(32);
    QrCode chosen = QrCode.encode(text);
    for (int mask = 0; mask < 8; mask++) {
      QrCode other = QrCode.encode(text.getBytes(StandardCharsets.UTF_8), mask);
      assertTrue(penalty(chosen) <= penalty(other), "mask " + mask);
    }
  }

  @Test
  void usesTheSmallestVersionAndRefusesContentBeyondVersionTen() {
    int[][] cases = {{1, 14}, {2, 15}, {4, 62}, {5, 63}, {10, 213}};
    for (int[] c : cases) {
      assertEquals(c[0], QrCode.encode("x".repeat(c[1])).version(), c[1] + " bytes");
    }
    assertThrows(IllegalArgumentException.class, () -> QrCode.encode("x".repeat(214)));
  }

  @Test
  void formatInformationForMaskZeroIsTheDocumentedOne() {
    assertEquals(0b101010000010010, QrCode.formatBits(0)); // ISO 18004 Annex C
  }

  @Test
  void reedSolomonMatchesTheStandardExample() {
    byte[] data = {0x10, 0x20, 0x0c, 0x56, 0x61, (byte) 0x80, (byte) 0xec, 0x11, (byte) 0xec, 0x11, (byte) 0xec, 0x11,
        (byte) 0xec, 0x11, (byte) 0xec, 0x11};
    byte[] ec = {(byte) 0xa5, 0x24, (byte) 0xd4, (byte) 0xc1, (byte) 0xed, 0x36, (byte) 0xc7, (byte) 0x87, 0x2c, 0x55};
    assertEquals(java.util.Arrays.toString(ec), java.util.Arrays.toString(ReedSolomon.remainder(data, 10)));
  }

  @Test
  void theTerminalRenderingHasTwoModuleRowsPerLineInsideTheQuietZone() {
    QrCode qr = QrCode.encode("hello");
    String[] lines = QrTerminal.render(qr, 2).split("\n");
    assertEquals((qr.size() + 4 + 1) / 2, lines.length);
    assertEquals(qr.size() + 4, lines[0].length());
    assertEquals("\u2588".repeat(qr.size() + 4), lines[0], "the top quiet zone is light");
    assertEquals(' ', lines[1].charAt(2), "the finder's top-left corner is dark on both half rows");
  }

  private static int penalty(QrCode qr) {
    boolean[] dark = new boolean[qr.size() * qr.size()];
    for (int i = 0; i < dark.length; i++) {
      dark[i] = qr.isDark(i % qr.size(), i / qr.size());
    }
    return QrCode.penalty(dark, qr.size());
  }
}
