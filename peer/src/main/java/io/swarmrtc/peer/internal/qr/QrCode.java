package io.swarmrtc.peer.internal.qr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;

/**
 * A small QR code encoder for share links (ISO/IEC 18004): byte mode, error correction level M,
 * versions 1-10 (up to 213 bytes), mask chosen by the standard penalty rules. The same algorithm as
 * client-js/src/qr.js, checked against the same libqrencode reference symbols.
 *
 * <pre>{@code
 * QrCode qr = QrCode.encode("https://swarm.example/download.html#room=r&content=...");
 * System.out.print(QrTerminal.render(qr));
 * }</pre>
 */
public final class QrCode {
  public static final int MAX_VERSION = 10;
  /** Level M per version: EC codewords per block, then pairs of (block count, data codewords per block). */
  private static final int[][] LEVEL_M = {
      {}, {10, 1, 16}, {16, 1, 28}, {26, 1, 44}, {18, 2, 32}, {24, 2, 43},
      {16, 4, 27}, {18, 4, 31}, {22, 2, 38, 2, 39}, {22, 3, 36, 2, 37}, {26, 4, 43, 1, 44}};
  private static final int[][] ALIGNMENT = {
      {}, {}, {6, 18}, {6, 22}, {6, 26}, {6, 30}, {6, 34}, {6, 22, 38}, {6, 24, 42}, {6, 26, 46}, {6, 28, 50}};
  private static final IntBinaryOperator[] MASKS = {
      (x, y) -> (x + y) % 2, (x, y) -> y % 2, (x, y) -> x % 3, (x, y) -> (x + y) % 3,
      (x, y) -> (y / 2 + x / 3) % 2, (x, y) -> (x * y) % 2 + (x * y) % 3,
      (x, y) -> ((x * y) % 2 + (x * y) % 3) % 2, (x, y) -> ((x + y) % 2 + (x * y) % 3) % 2};

  private final int version;
  private final int size;
  private final int mask;
  private final boolean[] dark;

  private QrCode(int version, int mask, boolean[] dark) {
    this.version = version;
    this.size = 17 + 4 * version;
    this.mask = mask;
    this.dark = dark;
  }

  /** Encodes {@code text} as UTF-8 in the smallest version that fits, with the best mask. */
  public static QrCode encode(String text) {
    return encode(text.getBytes(StandardCharsets.UTF_8), -1);
  }

  /**
   * @param forcedMask 0-7 to force a mask (tests), -1 to choose by penalty
   * @throws IllegalArgumentException when the bytes do not fit version 10 (213 bytes)
   */
  public static QrCode encode(byte[] bytes, int forcedMask) {
    int version = 1;
    while (version <= MAX_VERSION && bytes.length > byteCapacity(version)) {
      version++;
    }
    if (version > MAX_VERSION) {
      throw new IllegalArgumentException(bytes.length + " bytes do not fit a version 10 QR code (max "
          + byteCapacity(MAX_VERSION) + ")");
    }
    Matrix base = new Matrix(version);
    base.drawFunctionPatterns();
    base.placeData(ReedSolomon.interleave(dataCodewords(bytes, version), LEVEL_M[version]));
    int bestMask = -1;
    int bestScore = Integer.MAX_VALUE;
    boolean[] best = null;
    for (int m = 0; m < 8; m++) {
      if (forcedMask >= 0 && m != forcedMask) {
        continue;
      }
      Matrix trial = base.copy();
      trial.applyMask(MASKS[m]);
      trial.drawFormat(m);
      int score = penalty(trial.dark, trial.size);
      if (score < bestScore) {
        bestScore = score;
        bestMask = m;
        best = trial.dark;
      }
    }
    return new QrCode(version, bestMask, best);
  }

  /** Largest byte-mode payload at level M for a version. */
  public static int byteCapacity(int version) {
    int countBits = version < 10 ? 8 : 16;
    return (dataCapacity(version) * 8 - 4 - countBits) / 8;
  }

  public int version() {
    return version;
  }

  /** Modules per side: 17 + 4 * version. */
  public int size() {
    return size;
  }

  public int mask() {
    return mask;
  }

  /** Whether the module at column {@code x}, row {@code y} is dark. */
  public boolean isDark(int x, int y) {
    return dark[y * size + x];
  }

  private static int dataCapacity(int version) {
    int[] v = LEVEL_M[version];
    int sum = 0;
    for (int i = 1; i < v.length; i += 2) {
      sum += v[i] * v[i + 1];
    }
    return sum;
  }

  private static byte[] dataCodewords(byte[] bytes, int version) {
    int capacity = dataCapacity(version);
    BitWriter bits = new BitWriter(capacity);
    bits.put(0b0100, 4); // byte mode
    bits.put(bytes.length, version < 10 ? 8 : 16);
    for (byte b : bytes) {
      bits.put(b & 0xff, 8);
    }
    bits.put(0, Math.min(4, capacity * 8 - bits.length)); // terminator
    bits.put(0, (8 - bits.length % 8) % 8);
    byte[] out = bits.bytes();
    for (int i = bits.length / 8, pad = 0; i < capacity; i++, pad++) {
      out[i] = (byte) (pad % 2 == 0 ? 0xec : 0x11);
    }
    return out;
  }

  /** Penalty score (ISO 18004 section 7.8.3): runs, 2x2 blocks, finder-like patterns, balance. */
  static int penalty(boolean[] dark, int size) {
    int score = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int a = 0; a < size; a++) {
        int run = 1;
        for (int b = 1; b <= size; b++) {
          if (b < size && cell(dark, size, pass, b, a) == cell(dark, size, pass, b - 1, a)) {
            run++;
            continue;
          }
          if (run >= 5) {
            score += run - 2;
          }
          run = 1;
        }
        for (int b = -4; b < size; b++) {
          boolean core = cell(dark, size, pass, b, a) && !cell(dark, size, pass, b + 1, a)
              && cell(dark, size, pass, b + 2, a) && cell(dark, size, pass, b + 3, a)
              && cell(dark, size, pass, b + 4, a) && !cell(dark, size, pass, b + 5, a)
              && cell(dark, size, pass, b + 6, a);
          if (!core) {
            continue;
          }
          boolean lightBefore = true;
          boolean lightAfter = true;
          for (int k = 1; k <= 4; k++) {
            lightBefore &= !cell(dark, size, pass, b - k, a);
            lightAfter &= !cell(dark, size, pass, b + 6 + k, a);
          }
          if (lightBefore || lightAfter) {
            score += 40;
          }
        }
      }
    }
    for (int y = 0; y < size - 1; y++) {
      for (int x = 0; x < size - 1; x++) {
        boolean c = dark[y * size + x];
        if (c == dark[y * size + x + 1] && c == dark[(y + 1) * size + x] && c == dark[(y + 1) * size + x + 1]) {
          score += 3;
        }
      }
    }
    int darkCount = 0;
    for (boolean d : dark) {
      darkCount += d ? 1 : 0;
    }
    score += (int) Math.floor(Math.abs(darkCount * 100.0 / dark.length - 50) / 5) * 10;
    return score;
  }

  /** Module (b along the line, a across it); pass 1 reads columns; outside the symbol is light. */
  private static boolean cell(boolean[] dark, int size, int pass, int b, int a) {
    if (b < 0 || b >= size) {
      return false;
    }
    return pass == 0 ? dark[a * size + b] : dark[b * size + a];
  }

  /** 15-bit format information for level M and a mask. */
  static int formatBits(int mask) {
    int data = mask; // level M = 00
    int rem = data;
    for (int i = 0; i < 10; i++) {
      rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    }
    return ((data << 10) | rem) ^ 0x5412;
  }

  private static final class BitWriter {
    final byte[] out;
    int length;

    BitWriter(int capacityBytes) {
      out = new byte[capacityBytes];
    }

    void put(int value, int bits) {
      for (int i = bits - 1; i >= 0; i--) {
        if (((value >>> i) & 1) != 0) {
          out[length >>> 3] |= (byte) (0x80 >>> (length & 7));
        }
        length++;
      }
    }

    byte[] bytes() {
      return out;
    }
  }

  /** The symbol being drawn: dark modules and which ones are function patterns. */
  private static final class Matrix {
    final int version;
    final int size;
    boolean[] dark;
    boolean[] reserved;

    Matrix(int version) {
      this.version = version;
      this.size = 17 + 4 * version;
      this.dark = new boolean[size * size];
      this.reserved = new boolean[size * size];
    }

    Matrix copy() {
      Matrix m = new Matrix(version);
      m.dark = Arrays.copyOf(dark, dark.length);
      m.reserved = reserved;
      return m;
    }

    void fn(int x, int y, boolean isDark) {
      dark[y * size + x] = isDark;
      reserved[y * size + x] = true;
    }

    void drawFunctionPatterns() {
      for (int i = 0; i < size; i++) {
        fn(6, i, i % 2 == 0);
        fn(i, 6, i % 2 == 0);
      }
      int[][] finders = {{3, 3}, {size - 4, 3}, {3, size - 4}};
      for (int[] c : finders) {
        for (int dy = -4; dy <= 4; dy++) {
          for (int dx = -4; dx <= 4; dx++) {
            int x = c[0] + dx;
            int y = c[1] + dy;
            int ring = Math.max(Math.abs(dx), Math.abs(dy)); // 4 = separator
            if (x >= 0 && x < size && y >= 0 && y < size) {
              fn(x, y, ring != 2 && ring != 4);
            }
          }
        }
      }
      int[] centres = ALIGNMENT[version];
      for (int cy : centres) {
        for (int cx : centres) {
          boolean nearFinder = (cx == 6 && cy == 6) || (cx == 6 && cy == size - 7) || (cx == size - 7 && cy == 6);
          if (nearFinder) {
            continue;
          }
          for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
              fn(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
            }
          }
        }
      }
      drawFormat(0); // reserve; redrawn per mask
      if (version >= 7) {
        int rem = version;
        for (int i = 0; i < 12; i++) {
          rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
        }
        int bits = (version << 12) | rem;
        for (int i = 0; i < 18; i++) {
          boolean bit = ((bits >>> i) & 1) != 0;
          int a = size - 11 + i % 3;
          int b = i / 3;
          fn(a, b, bit);
          fn(b, a, bit);
        }
      }
    }

    void drawFormat(int mask) {
      int bits = formatBits(mask);
      for (int i = 0; i <= 5; i++) {
        fn(8, i, bit(bits, i));
      }
      fn(8, 7, bit(bits, 6));
      fn(8, 8, bit(bits, 7));
      fn(7, 8, bit(bits, 8));
      for (int i = 9; i < 15; i++) {
        fn(14 - i, 8, bit(bits, i));
      }
      for (int i = 0; i < 8; i++) {
        fn(size - 1 - i, 8, bit(bits, i));
      }
      for (int i = 8; i < 15; i++) {
        fn(8, size - 15 + i, bit(bits, i));
      }
      fn(8, size - 8, true); // the dark module
    }

    private static boolean bit(int bits, int i) {
      return ((bits >>> i) & 1) != 0;
    }

    /** Codeword bits in the two-column zigzag, bottom-right first, skipping the timing column. */
    void placeData(byte[] codewords) {
      int i = 0;
      int total = codewords.length * 8;
      for (int right = size - 1; right >= 1; right -= 2) {
        if (right == 6) {
          right = 5;
        }
        boolean upward = ((right + 1) & 2) == 0;
        for (int v = 0; v < size; v++) {
          int y = upward ? size - 1 - v : v;
          for (int j = 0; j < 2; j++) {
            int idx = y * size + right - j;
            if (reserved[idx]) {
              continue;
            }
            if (i < total) {
              dark[idx] = ((codewords[i >>> 3] >>> (7 - (i & 7))) & 1) != 0;
            }
            i++; // remainder bits stay light
          }
        }
      }
    }

    void applyMask(IntBinaryOperator mask) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int i = y * size + x;
          if (!reserved[i] && mask.applyAsInt(x, y) == 0) {
            dark[i] = !dark[i];
          }
        }
      }
    }
  }
}
