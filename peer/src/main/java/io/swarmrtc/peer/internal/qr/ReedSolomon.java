package io.swarmrtc.peer.internal.qr;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reed-Solomon error correction over GF(256) for QR codes, and block interleaving. */
final class ReedSolomon {
  private static final int[] EXP = new int[512];
  private static final int[] LOG = new int[256];

  static {
    int x = 1;
    for (int i = 0; i < 255; i++) {
      EXP[i] = x;
      LOG[x] = i;
      x <<= 1;
      if ((x & 0x100) != 0) {
        x ^= 0x11d; // x^8 + x^4 + x^3 + x^2 + 1
      }
    }
    for (int i = 255; i < 512; i++) {
      EXP[i] = EXP[i - 255];
    }
  }

  private ReedSolomon() {}

  private static int mul(int a, int b) {
    return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
  }

  /** Generator (x - a^0)...(x - a^(n-1)), coefficients high to low, leading 1 dropped. */
  private static int[] generator(int n) {
    int[] poly = {1};
    for (int i = 0; i < n; i++) {
      int[] next = new int[poly.length + 1];
      for (int j = 0; j < poly.length; j++) {
        next[j] ^= poly[j];
        next[j + 1] ^= mul(poly[j], EXP[i]);
      }
      poly = next;
    }
    return Arrays.copyOfRange(poly, 1, poly.length);
  }

  /** The {@code n} error correction codewords of {@code data}. */
  static byte[] remainder(byte[] data, int n) {
    int[] gen = generator(n);
    int[] rem = new int[n];
    for (byte b : data) {
      int factor = (b & 0xff) ^ rem[0];
      System.arraycopy(rem, 1, rem, 0, n - 1);
      rem[n - 1] = 0;
      for (int i = 0; i < n; i++) {
        rem[i] ^= mul(gen[i], factor);
      }
    }
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) rem[i];
    }
    return out;
  }

  /** Splits data into the version's blocks, adds EC per block, interleaves data then EC. */
  static byte[] interleave(byte[] data, int[] levelM) {
    int ecLen = levelM[0];
    List<byte[]> blocks = new ArrayList<>();
    int offset = 0;
    for (int g = 1; g < levelM.length; g += 2) {
      for (int i = 0; i < levelM[g]; i++, offset += levelM[g + 1]) {
        blocks.add(Arrays.copyOfRange(data, offset, offset + levelM[g + 1]));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int longest = blocks.stream().mapToInt(b -> b.length).max().orElse(0);
    for (int i = 0; i < longest; i++) {
      for (byte[] b : blocks) {
        if (i < b.length) {
          out.write(b[i]);
        }
      }
    }
    List<byte[]> ec = blocks.stream().map(b -> remainder(b, ecLen)).toList();
    for (int i = 0; i < ecLen; i++) {
      for (byte[] e : ec) {
        out.write(e[i]);
      }
    }
    return out.toByteArray();
  }
}
